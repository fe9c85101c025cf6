/** A wave's schedule: its events, listed in time order, added, changed and removed by the programme team. */
import { and, asc, eq, sql } from 'drizzle-orm';
import { waveEvents } from '../../db/schema.ts';
import type { EventKind } from '../lib/event-kinds.ts';
import { eventProblem } from '../lib/schedule.ts';
import { recordAudit } from './audit.ts';
import { inWriteTransaction, preparedOnce, type Db, type Transaction } from './db.ts';
import { UserFacingError } from './errors.ts';
import { requireChangeableWave, type Actor } from './waves.ts';

export type WaveEvent = typeof waveEvents.$inferSelect;

export interface EventDetails {
  kind: EventKind;
  title: string;
  startsAt: string;
  durationMinutes: number;
  place: string | null;
  pageSlug: string | null;
}

/** The wave's events in time order. */
export function listEvents(db: Db, waveId: string): Promise<WaveEvent[]> {
  return eventsOfWave(db).all({ waveId });
}

const eventsOfWave = preparedOnce((db) =>
  db
    .select()
    .from(waveEvents)
    .where(eq(waveEvents.waveId, sql.placeholder('waveId')))
    .orderBy(asc(waveEvents.startsAt), asc(waveEvents.title))
    .prepare(),
);

function refuseBadEvent(
  details: EventDetails,
  wave: { startsOn: string; endsOn: string },
  pages: ReadonlySet<string>,
) {
  const problem = eventProblem(details, wave);
  if (problem) throw new UserFacingError('BAD_REQUEST', problem);
  if (details.pageSlug && !pages.has(details.pageSlug))
    throw new UserFacingError(
      'BAD_REQUEST',
      'Choose the knowledge-session page from the list, or none.',
    );
}

/**
 * Adds an event to the wave's schedule. `pages` holds the knowledge-session pages an event may
 * link, so a typed or stale slug is refused rather than linking to nothing.
 */
export async function addEvent(
  db: Db,
  waveId: string,
  details: EventDetails,
  pages: ReadonlySet<string>,
  actor: Actor,
  now = Date.now(),
): Promise<WaveEvent> {
  return inWriteTransaction(db, async (tx) => {
    const wave = await requireChangeableWave(tx, waveId);
    refuseBadEvent(details, wave, pages);
    const [event] = await tx
      .insert(waveEvents)
      .values({ id: crypto.randomUUID(), waveId, ...details, updatedAt: new Date(now) })
      .returning();
    await auditEvent(tx, 'event-added', waveId, details, actor, now);
    return event!;
  });
}

/** Writes an event's change to the audit log, with its title and start. */
function auditEvent(
  tx: Transaction,
  action: 'event-added' | 'event-changed' | 'event-removed',
  waveId: string,
  event: { title: string; startsAt: string },
  actor: Actor,
  now: number,
) {
  const detail = { title: event.title, startsAt: event.startsAt };
  return recordAudit(
    tx,
    { action, actorId: actor.id, clientAddress: actor.clientAddress, waveId, detail },
    now,
  );
}

async function requireEvent(db: Db, waveId: string, eventId: string): Promise<WaveEvent> {
  const [event] = await db
    .select()
    .from(waveEvents)
    .where(and(eq(waveEvents.id, eventId), eq(waveEvents.waveId, waveId)));
  if (!event)
    throw new UserFacingError(
      'NOT_FOUND',
      'That event is no longer in the schedule. Reload the page.',
    );
  return event;
}

/** Changes an event; its sequence goes up so subscribed calendars take the change. */
export async function updateEvent(
  db: Db,
  waveId: string,
  eventId: string,
  details: EventDetails,
  pages: ReadonlySet<string>,
  actor: Actor,
  now = Date.now(),
): Promise<WaveEvent> {
  return inWriteTransaction(db, async (tx) => {
    const wave = await requireChangeableWave(tx, waveId);
    await requireEvent(tx, waveId, eventId);
    refuseBadEvent(details, wave, pages);
    const [event] = await tx
      .update(waveEvents)
      .set({ ...details, sequence: sql`${waveEvents.sequence} + 1`, updatedAt: new Date(now) })
      .where(eq(waveEvents.id, eventId))
      .returning();
    await auditEvent(tx, 'event-changed', waveId, details, actor, now);
    return event!;
  });
}

/** Removes an event from the wave's schedule. */
export async function removeEvent(
  db: Db,
  waveId: string,
  eventId: string,
  actor: Actor,
  now = Date.now(),
): Promise<WaveEvent> {
  return inWriteTransaction(db, async (tx) => {
    await requireChangeableWave(tx, waveId);
    const event = await requireEvent(tx, waveId, eventId);
    await tx.delete(waveEvents).where(eq(waveEvents.id, eventId));
    await auditEvent(tx, 'event-removed', waveId, event, actor, now);
    return event;
  });
}
