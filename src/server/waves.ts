/**
 * Waves: creating and changing them, and the list the console shows. A new wave's schedule comes
 * from the master schedule; closing a wave completes its active memberships and makes it a record
 * that nothing changes any more.
 */
import { and, asc, count, desc, eq, ne, sql } from 'drizzle-orm';
import { memberships, waveEvents, waves } from '../../db/schema.ts';
import { WAVE_ROLES, type WaveRole } from '../lib/roles.ts';
import { eventsFromMaster, eventsOutside, formatDay } from '../lib/schedule.ts';
import type { MasterEvent } from '../lib/schedule-schema.ts';
import {
  isReadOnly,
  isTimeZone,
  slugProblem,
  waveDatesProblem,
  type MembershipStatus,
  type WavePhase,
} from '../lib/wave-rules.ts';
import { recordAudit } from './audit.ts';
import { inWriteTransaction, preparedOnce, type Db, type Transaction } from './db.ts';
import { UserFacingError } from './errors.ts';

export type Wave = typeof waves.$inferSelect;

/** Who made a change, and from where, for the audit log. */
export interface Actor {
  id: string;
  clientAddress?: string | null;
}

export interface WaveDetails {
  name: string;
  slug: string;
  startsOn: string;
  endsOn: string;
  cadenceWeeks: number;
  timeZone: string;
}

export const MAX_CADENCE_WEEKS = 12;

/** The wave with this slug, or undefined. */
export async function findWaveBySlug(db: Db, slug: string): Promise<Wave | undefined> {
  const [wave] = await waveWithSlug(db).all({ slug });
  return wave;
}

// Every console page of a wave starts with this read.
const waveWithSlug = preparedOnce((db) =>
  db
    .select()
    .from(waves)
    .where(eq(waves.slug, sql.placeholder('slug')))
    .prepare(),
);

/** The wave with this id, or undefined. */
export async function findWaveById(db: Db, id: string): Promise<Wave | undefined> {
  const [wave] = await db.select().from(waves).where(eq(waves.id, id));
  return wave;
}

export type RoleCounts = Record<WaveRole, number>;

export interface WaveSummary extends Wave {
  /** Members by role, withdrawn members left out. */
  members: RoleCounts;
  withdrawn: number;
}

/** Each role with a count of nobody, to count into. */
export const noMembers = (): RoleCounts =>
  Object.fromEntries(WAVE_ROLES.map((role) => [role, 0])) as RoleCounts;

/** Every wave, the newest start first, with member counts by role: two queries however many. */
export async function listWaves(db: Db): Promise<WaveSummary[]> {
  const [rows, counts] = await Promise.all([
    db.select().from(waves).orderBy(desc(waves.startsOn), asc(waves.name)),
    db
      .select({
        waveId: memberships.waveId,
        role: memberships.role,
        status: memberships.status,
        members: count(),
      })
      .from(memberships)
      .groupBy(memberships.waveId, memberships.role, memberships.status),
  ]);
  const summaries = new Map<string, WaveSummary>(
    rows.map((wave) => [wave.id, { ...wave, members: noMembers(), withdrawn: 0 }]),
  );
  for (const row of counts) {
    const summary = summaries.get(row.waveId);
    if (!summary) continue;
    if (row.status === 'withdrawn') summary.withdrawn += row.members;
    else summary.members[row.role] += row.members;
  }
  return [...summaries.values()];
}

/** The waves a person belongs to (withdrawals left out), the newest start first, with their role. */
export async function listWavesOf(
  db: Db,
  userId: string,
): Promise<(Wave & { role: WaveRole; status: MembershipStatus })[]> {
  const rows = await db
    .select({ wave: waves, role: memberships.role, status: memberships.status })
    .from(memberships)
    .innerJoin(waves, eq(waves.id, memberships.waveId))
    .where(and(eq(memberships.userId, userId), ne(memberships.status, 'withdrawn')))
    .orderBy(desc(waves.startsOn));
  return rows.map((row) => ({ ...row.wave, role: row.role, status: row.status }));
}

/** Why these details cannot make a wave, or undefined. */
export function waveDetailsProblem(details: WaveDetails): string | undefined {
  return (
    slugProblem(details.slug) ??
    waveDatesProblem(details.startsOn, details.endsOn) ??
    (isTimeZone(details.timeZone)
      ? undefined
      : 'Choose a time zone from the list, such as Europe/London.') ??
    (Number.isInteger(details.cadenceWeeks) &&
    details.cadenceWeeks >= 1 &&
    details.cadenceWeeks <= MAX_CADENCE_WEEKS
      ? undefined
      : `Pairs meet every 1 to ${MAX_CADENCE_WEEKS} weeks: enter a whole number of weeks.`)
  );
}

async function refuseTakenSlug(tx: Transaction, slug: string, exceptId?: string) {
  const [holder] = await tx
    .select({ id: waves.id, name: waves.name })
    .from(waves)
    .where(eq(waves.slug, slug));
  if (holder && holder.id !== exceptId)
    throw new UserFacingError(
      'CONFLICT',
      `The address name ${slug} is already used by ${holder.name}. Choose another.`,
    );
}

function refuseBadDetails(details: WaveDetails) {
  const problem = waveDetailsProblem(details);
  if (problem) throw new UserFacingError('BAD_REQUEST', problem);
}

/**
 * Creates a planned wave with the master schedule's events laid out from its start. Events that
 * would fall after the wave's end are left out and returned, so the team can be told.
 */
export async function createWave(
  db: Db,
  details: WaveDetails,
  master: readonly MasterEvent[],
  actor: Actor,
  now = Date.now(),
): Promise<{ wave: Wave; leftOut: string[] }> {
  refuseBadDetails(details);
  return inWriteTransaction(db, async (tx) => {
    await refuseTakenSlug(tx, details.slug);
    const [wave] = await tx
      .insert(waves)
      .values({
        id: crypto.randomUUID(),
        ...details,
        phase: 'planned',
        createdAt: new Date(now),
        updatedAt: new Date(now),
      })
      .returning();
    const events = eventsFromMaster(master, details.startsOn);
    const outside = new Set(eventsOutside(events, details));
    const kept = events.filter((event) => !outside.has(event));
    if (kept.length > 0) {
      await tx.insert(waveEvents).values(
        kept.map((event) => ({
          id: crypto.randomUUID(),
          waveId: wave!.id,
          ...event,
          updatedAt: new Date(now),
        })),
      );
    }
    await recordAudit(
      tx,
      {
        action: 'wave-created',
        actorId: actor.id,
        clientAddress: actor.clientAddress ?? null,
        waveId: wave!.id,
        detail: { name: wave!.name, slug: wave!.slug },
      },
      now,
    );
    return { wave: wave!, leftOut: [...outside].map((event) => event.title) };
  });
}

/** The wave for a change, refused when it no longer exists or is closed. */
export async function requireChangeableWave(tx: Db, waveId: string): Promise<Wave> {
  const wave = await findWaveById(tx, waveId);
  if (!wave) throw new UserFacingError('NOT_FOUND', 'That wave no longer exists. Reload the page.');
  if (isReadOnly(wave.phase))
    throw new UserFacingError(
      'CONFLICT',
      `${wave.name} is closed: it stays as a record and can no longer be changed.`,
    );
  return wave;
}

/**
 * Changes a wave's details and phase (closing has its own step: `closeWave`). Refuses dates that
 * would leave events outside the wave, naming them.
 */
export async function updateWave(
  db: Db,
  waveId: string,
  details: WaveDetails & { phase: Exclude<WavePhase, 'closed'> },
  actor: Actor,
  now = Date.now(),
): Promise<Wave> {
  refuseBadDetails(details);
  return inWriteTransaction(db, async (tx) => {
    const wave = await requireChangeableWave(tx, waveId);
    await refuseTakenSlug(tx, details.slug, waveId);
    const events = await tx.select().from(waveEvents).where(eq(waveEvents.waveId, waveId));
    const outside = eventsOutside(events, details);
    if (outside.length > 0) {
      const names = outside.map(
        (event) => `${event.title} (${formatDay(event.startsAt.slice(0, 10))})`,
      );
      throw new UserFacingError(
        'CONFLICT',
        `These events would fall outside the wave: ${names.join('; ')}. Move them in the schedule first, or choose dates that include them.`,
      );
    }
    const [updated] = await tx
      .update(waves)
      .set({ ...details, updatedAt: new Date(now) })
      .where(eq(waves.id, waveId))
      .returning();
    const changed = (Object.keys(details) as (keyof typeof details)[]).filter(
      (key) => details[key] !== wave[key],
    );
    if (changed.length > 0) {
      await recordAudit(
        tx,
        {
          action: 'wave-changed',
          actorId: actor.id,
          clientAddress: actor.clientAddress ?? null,
          waveId,
          detail: Object.fromEntries(changed.map((key) => [key, String(details[key])])),
        },
        now,
      );
    }
    return updated!;
  });
}

/** Closes a wave: its active memberships become completed, and the wave can no longer change. */
export async function closeWave(
  db: Db,
  waveId: string,
  actor: Actor,
  now = Date.now(),
): Promise<{ wave: Wave; completed: number }> {
  return inWriteTransaction(db, async (tx) => {
    await requireChangeableWave(tx, waveId);
    const completed = await tx
      .update(memberships)
      .set({ status: 'completed', completedAt: new Date(now) })
      .where(and(eq(memberships.waveId, waveId), eq(memberships.status, 'active')))
      .returning({ id: memberships.id });
    const [wave] = await tx
      .update(waves)
      .set({ phase: 'closed', updatedAt: new Date(now) })
      .where(eq(waves.id, waveId))
      .returning();
    await recordAudit(
      tx,
      {
        action: 'wave-closed',
        actorId: actor.id,
        clientAddress: actor.clientAddress ?? null,
        waveId,
        detail: { completedMemberships: completed.length },
      },
      now,
    );
    return { wave: wave!, completed: completed.length };
  });
}
