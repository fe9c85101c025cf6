/**
 * A wave's roster as the programme team sees it: each member's role and status (with the
 * withdrawal date and reason), and for the download their profile too. One query each, however
 * many members the wave has, reading only the columns shown: at 300 members every column costs.
 */
import { asc, eq } from 'drizzle-orm';
import { memberships, users } from '../../db/schema.ts';
import type { Db } from './db.ts';

/** The wave's members by name, as the roster table shows them. */
export function listRoster(db: Db, waveId: string) {
  return db
    .select({
      membershipId: memberships.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      status: memberships.status,
      withdrawnAt: memberships.withdrawnAt,
      withdrawalReason: memberships.withdrawalReason,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.waveId, waveId))
    .orderBy(asc(users.name), asc(users.email));
}

export type RosterEntry = Awaited<ReturnType<typeof listRoster>>[number];

/** The wave's members by name with their profiles, for the CSV download. */
export function listRosterForExport(db: Db, waveId: string) {
  return db
    .select({
      name: users.name,
      email: users.email,
      role: memberships.role,
      status: memberships.status,
      addedAt: memberships.addedAt,
      withdrawnAt: memberships.withdrawnAt,
      withdrawalReason: memberships.withdrawalReason,
      team: users.team,
      lineOfBusiness: users.lineOfBusiness,
      gradeLevel: users.gradeLevel,
      location: users.location,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.waveId, waveId))
    .orderBy(asc(users.name), asc(users.email));
}
