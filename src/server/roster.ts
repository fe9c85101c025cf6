/**
 * A wave's roster as the programme team sees it: each member's account, role and status (with the
 * withdrawal date and reason). A fixed number of queries however many members the wave has.
 */
import type { WaveRole } from '../lib/roles.ts';
import type { MembershipStatus } from '../lib/wave-rules.ts';
import type { Db } from './db.ts';
import { listMembers } from './memberships.ts';

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

/** The wave's members by name. */
export async function listRoster(db: Db, waveId: string): Promise<RosterEntry[]> {
  const rows = await listMembers(db, waveId);
  return rows.map(({ membership, user }) => ({
    membershipId: membership.id,
    userId: user.id,
    name: user.name,
    email: user.email,
    hasAccount: Boolean(user.passwordHash),
    role: membership.role,
    status: membership.status,
    addedAt: membership.addedAt,
    withdrawnAt: membership.withdrawnAt,
    withdrawalReason: membership.withdrawalReason,
    team: user.team,
    lineOfBusiness: user.lineOfBusiness,
    gradeLevel: user.gradeLevel,
    location: user.location,
  }));
}
