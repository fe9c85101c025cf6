/**
 * What a wave's cohort page shows, read in a fixed number of queries however many members the wave
 * has: its schedule, announcements, how many people it has in each role, how many of each side have
 * completed each module (reused for a minute), and the viewer's own calendar link. The counts reach the page through the
 * small-group rule in `src/lib/cohort-progress.ts` and `src/lib/small-groups.ts`.
 */
import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { memberships, moduleProgress } from '../../db/schema.ts';
import type { SideCompletions } from '../lib/cohort-progress.ts';
import { TRACK_IDS, type TrackId, type WaveRole } from '../lib/roles.ts';
import { listAnnouncements } from './announcements.ts';
import { calendarTokenOf } from './calendar-feeds.ts';
import type { Db } from './db.ts';
import { listEvents } from './wave-events.ts';
import { noMembers, type Wave } from './waves.ts';

/** Statuses of people who can train: invited people have not signed in yet, withdrawn ones left. */
const TRAINING = ['active', 'completed'] as const;

export interface CohortCounts {
  /** People in the wave by role: invited, active or completed. */
  inWave: Record<WaveRole, number>;
  /** Each side's members who can train, and how many of them completed each module. */
  sides: Record<TrackId, SideCompletions>;
}

/** How many people each role has, and how far each side has got with its training: two queries. */
export async function countCohort(db: Db, waveId: string): Promise<CohortCounts> {
  const [byStatus, completions] = await Promise.all([
    db
      .select({ role: memberships.role, status: memberships.status, members: count() })
      .from(memberships)
      .where(eq(memberships.waveId, waveId))
      .groupBy(memberships.role, memberships.status),
    db
      .select({ role: memberships.role, moduleId: moduleProgress.moduleId, done: count() })
      .from(memberships)
      .innerJoin(moduleProgress, eq(moduleProgress.userId, memberships.userId))
      .where(
        and(
          eq(memberships.waveId, waveId),
          inArray(memberships.status, [...TRAINING]),
          inArray(memberships.role, [...TRACK_IDS]),
          isNotNull(moduleProgress.completedAt),
        ),
      )
      .groupBy(memberships.role, moduleProgress.moduleId),
  ]);
  const inWave = noMembers();
  const sides = Object.fromEntries(
    TRACK_IDS.map((side) => [side, { members: 0, completedByModule: new Map<string, number>() }]),
  ) as Record<TrackId, { members: number; completedByModule: Map<string, number> }>;
  for (const row of byStatus) {
    if (row.status === 'withdrawn') continue;
    inWave[row.role] += row.members;
    if (row.role !== 'coach' && (TRAINING as readonly string[]).includes(row.status))
      sides[row.role].members += row.members;
  }
  for (const row of completions)
    if (row.role !== 'coach') sides[row.role].completedByModule.set(row.moduleId, row.done);
  return { inWave, sides };
}

/** How long a wave's counts are reused before they are read again. */
export const COUNTS_FRESH_MS = 60_000;
const recentCounts = new Map<string, { counts: Promise<CohortCounts>; readAt: number }>();

/**
 * The wave's counts, read at most once a minute per app server: they are the same for every member
 * who opens the page, a minute's delay in a chart of training changes nothing, and reading them
 * scans every member's progress.
 */
export function recentCohortCounts(db: Db, waveId: string, now = Date.now()) {
  const recent = recentCounts.get(waveId);
  if (recent && now - recent.readAt < COUNTS_FRESH_MS) return recent.counts;
  const counts = countCohort(db, waveId);
  recentCounts.set(waveId, { counts, readAt: now });
  counts.catch(() => recentCounts.delete(waveId));
  return counts;
}

/** Everything the cohort page shows for this viewer. */
export async function loadCohortPage(db: Db, wave: Wave, viewerId: string, now = Date.now()) {
  const [events, announcements, counts, calendarToken] = await Promise.all([
    listEvents(db, wave.id),
    listAnnouncements(db, wave.id),
    recentCohortCounts(db, wave.id, now),
    calendarTokenOf(db, viewerId),
  ]);
  return { events, announcements, counts, calendarToken };
}
