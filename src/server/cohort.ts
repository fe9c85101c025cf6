/**
 * What a wave's cohort page shows, read in a fixed number of queries however many members the wave
 * has: its schedule, announcements, how many people it has in each role, and the viewer's own
 * calendar link. Counts reach the page through the small-group rule: see `src/lib/cohort-view.ts`.
 */
import { count, eq, inArray, and } from 'drizzle-orm';
import { memberships } from '../../db/schema.ts';
import { WAVE_ROLES, type WaveRole } from '../lib/roles.ts';
import { listAnnouncements } from './announcements.ts';
import { calendarTokenOf } from './calendar-feeds.ts';
import type { Db } from './db.ts';
import { listEvents } from './wave-events.ts';
import type { Wave } from './waves.ts';

/** How many people are in the wave in each role: those invited, active or completed. */
export async function countMembersByRole(
  db: Db,
  waveId: string,
): Promise<Record<WaveRole, number>> {
  const rows = await db
    .select({ role: memberships.role, members: count() })
    .from(memberships)
    .where(
      and(
        eq(memberships.waveId, waveId),
        inArray(memberships.status, ['invited', 'active', 'completed']),
      ),
    )
    .groupBy(memberships.role);
  const counts = Object.fromEntries(WAVE_ROLES.map((role) => [role, 0])) as Record<
    WaveRole,
    number
  >;
  for (const row of rows) counts[row.role] = row.members;
  return counts;
}

/** Everything the cohort page shows for this viewer. */
export async function loadCohortPage(db: Db, wave: Wave, viewerId: string) {
  const [events, announcements, members, calendarToken] = await Promise.all([
    listEvents(db, wave.id),
    listAnnouncements(db, wave.id),
    countMembersByRole(db, wave.id),
    calendarTokenOf(db, viewerId),
  ]);
  return { events, announcements, members, calendarToken };
}
