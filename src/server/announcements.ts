/** Announcements: Markdown posts by the programme team to a wave's cohort page, newest first. */
import { and, desc, eq, sql } from 'drizzle-orm';
import { announcements, users } from '../../db/schema.ts';
import { recordAudit } from './audit.ts';
import { inWriteTransaction, preparedOnce, type Db, type Transaction } from './db.ts';
import { UserFacingError } from './errors.ts';
import { requireChangeableWave, type Actor } from './waves.ts';

export type Announcement = typeof announcements.$inferSelect;

export const MAX_TITLE_LENGTH = 120;
export const MAX_BODY_LENGTH = 10_000;

export interface AnnouncementText {
  title: string;
  body: string;
}

/** The wave's announcements, newest first, with their author's name. */
export function listAnnouncements(db: Db, waveId: string) {
  return announcementsOfWave(db).all({ waveId });
}

const announcementsOfWave = preparedOnce((db) =>
  db
    .select({
      id: announcements.id,
      title: announcements.title,
      body: announcements.body,
      createdAt: announcements.createdAt,
      updatedAt: announcements.updatedAt,
      author: users.name,
    })
    .from(announcements)
    .leftJoin(users, eq(users.id, announcements.authorId))
    .where(eq(announcements.waveId, sql.placeholder('waveId')))
    .orderBy(desc(announcements.createdAt))
    .prepare(),
);

/** The announcement, if it belongs to the wave. */
export async function findAnnouncement(
  db: Db,
  waveId: string,
  id: string,
): Promise<Announcement | undefined> {
  const [found] = await db
    .select()
    .from(announcements)
    .where(and(eq(announcements.id, id), eq(announcements.waveId, waveId)));
  return found;
}

async function requireAnnouncement(db: Db, waveId: string, id: string) {
  const found = await findAnnouncement(db, waveId, id);
  if (!found)
    throw new UserFacingError('NOT_FOUND', 'That announcement no longer exists. Reload the page.');
  return found;
}

/** Posts an announcement to the wave's cohort page. */
export async function postAnnouncement(
  db: Db,
  waveId: string,
  text: AnnouncementText,
  actor: Actor,
  now = Date.now(),
): Promise<Announcement> {
  return inWriteTransaction(db, async (tx) => {
    await requireChangeableWave(tx, waveId);
    const [posted] = await tx
      .insert(announcements)
      .values({
        id: crypto.randomUUID(),
        waveId,
        authorId: actor.id,
        ...text,
        createdAt: new Date(now),
        updatedAt: new Date(now),
      })
      .returning();
    await auditAnnouncement(tx, 'announcement-posted', waveId, text.title, actor, now);
    return posted!;
  });
}

/** Writes an announcement's change to the audit log, with its title. */
function auditAnnouncement(
  tx: Transaction,
  action: 'announcement-posted' | 'announcement-edited' | 'announcement-removed',
  waveId: string,
  title: string,
  actor: Actor,
  now: number,
) {
  return recordAudit(
    tx,
    { action, actorId: actor.id, clientAddress: actor.clientAddress, waveId, detail: { title } },
    now,
  );
}

/** Changes an announcement's title and text. */
export async function editAnnouncement(
  db: Db,
  waveId: string,
  id: string,
  text: AnnouncementText,
  actor: Actor,
  now = Date.now(),
): Promise<Announcement> {
  return inWriteTransaction(db, async (tx) => {
    await requireChangeableWave(tx, waveId);
    await requireAnnouncement(tx, waveId, id);
    const [edited] = await tx
      .update(announcements)
      .set({ ...text, updatedAt: new Date(now) })
      .where(eq(announcements.id, id))
      .returning();
    await auditAnnouncement(tx, 'announcement-edited', waveId, text.title, actor, now);
    return edited!;
  });
}

/** Removes an announcement from the cohort page. */
export async function removeAnnouncement(
  db: Db,
  waveId: string,
  id: string,
  actor: Actor,
  now = Date.now(),
): Promise<Announcement> {
  return inWriteTransaction(db, async (tx) => {
    await requireChangeableWave(tx, waveId);
    const removed = await requireAnnouncement(tx, waveId, id);
    await tx.delete(announcements).where(eq(announcements.id, id));
    await auditAnnouncement(tx, 'announcement-removed', waveId, removed.title, actor, now);
    return removed;
  });
}
