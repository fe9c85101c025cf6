/**
 * A wave's roster as the programme team sees it: each member's account, role and status (with the
 * withdrawal date and reason). A fixed number of queries however many members the wave has.
 */
import type { WaveRole } from '../lib/roles.ts';
import type { MembershipStatus } from '../lib/wave-rules.ts';
import { asc, eq, sql } from 'drizzle-orm';
import { memberships, users } from '../../db/schema.ts';
import type { Db } from './db.ts';

export interface RosterEntry {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  hasAccount: boolean;
  role: WaveRole;
  status: MembershipStatus;
  addedAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
  team: string | null;
  lineOfBusiness: string | null;
  gradeLevel: number | null;
  location: string | null;
}

/** The wave's members by name: one query, of only the columns the roster shows. */
export function listRoster(db: Db, waveId: string): Promise<RosterEntry[]> {
  return db
    .select({
      membershipId: memberships.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      hasAccount: sql<boolean>`${users.passwordHash} is not null`.mapWith(Boolean),
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
