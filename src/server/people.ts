/**
 * The programme team's view of people: who has an account, who is still invited, and the changes
 * only the team may make (the programme role, disabling). The last active programme member can be
 * neither demoted nor disabled, so the programme can never lock itself out.
 */
import { and, asc, count, eq, isNotNull, isNull } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import { recordAudit } from './audit.ts';
import { inWriteTransaction, type Db, type Transaction } from './db.ts';
import { UserFacingError } from './errors.ts';
import { deleteUserSessions, type Role } from './sessions.ts';
import { revokeTokens } from './single-use-tokens.ts';

export type PersonStatus = 'invited' | 'active' | 'disabled';

export interface Person {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: PersonStatus;
}

/** Everyone, by name, with their status. */
export async function listPeople(db: Db): Promise<Person[]> {
  const rows = await db.select().from(users).orderBy(asc(users.name));
  return rows.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    status: user.disabledAt ? 'disabled' : user.passwordHash ? 'active' : 'invited',
  }));
}

async function activeProgrammeMembers(tx: Transaction): Promise<number> {
  const [{ members }] = (await tx
    .select({ members: count() })
    .from(users)
    .where(
      and(eq(users.role, 'programme'), isNull(users.disabledAt), isNotNull(users.passwordHash)),
    )) as [{ members: number }];
  return members;
}

async function requirePerson(tx: Transaction, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId));
  if (!user)
    throw new UserFacingError('NOT_FOUND', 'That person no longer exists. Reload the page.');
  return user;
}

function isActiveProgrammeMember(user: typeof users.$inferSelect): boolean {
  return user.role === 'programme' && !user.disabledAt && Boolean(user.passwordHash);
}

interface Change {
  /** Who made the change; null from the command line. */
  actorId: string | null;
  clientAddress: string;
}

/**
 * Grants or removes the programme role; ends the person's sessions so a change applies at once.
 * Returns false when the person already had that role, and nothing changed.
 */
export async function setRole(
  db: Db,
  userId: string,
  role: Role,
  change: Change,
  now = Date.now(),
): Promise<boolean> {
  return inWriteTransaction(db, async (tx) => {
    const user = await requirePerson(tx, userId);
    if (user.role === role) return false;
    if (
      role === 'participant' &&
      isActiveProgrammeMember(user) &&
      (await activeProgrammeMembers(tx)) <= 1
    ) {
      throw new UserFacingError(
        'CONFLICT',
        `${user.name} is the last active member of the programme team. Give someone else the programme role first.`,
      );
    }
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await recordAudit(
      tx,
      {
        action: role === 'programme' ? 'role-granted' : 'role-removed',
        actorId: change.actorId,
        subjectId: userId,
        clientAddress: change.clientAddress,
      },
      now,
    );
    await deleteUserSessions(tx, userId);
    return true;
  });
}

/** Disables or re-enables an account; disabling ends its sessions and revokes its unused links. */
export async function setDisabled(
  db: Db,
  userId: string,
  disabled: boolean,
  change: Change,
  now = Date.now(),
) {
  if (disabled && change.actorId === userId) {
    throw new UserFacingError(
      'CONFLICT',
      'You cannot disable your own account. Ask another member of the programme team to do it.',
    );
  }
  await inWriteTransaction(db, async (tx) => {
    const user = await requirePerson(tx, userId);
    if (disabled && isActiveProgrammeMember(user) && (await activeProgrammeMembers(tx)) <= 1) {
      throw new UserFacingError(
        'CONFLICT',
        `${user.name} is the last active member of the programme team and cannot be disabled.`,
      );
    }
    await tx
      .update(users)
      .set({ disabledAt: disabled ? new Date(now) : null })
      .where(eq(users.id, userId));
    if (disabled) await revokeTokens(tx, userId, now);
    await recordAudit(
      tx,
      {
        action: disabled ? 'account-disabled' : 'account-enabled',
        actorId: change.actorId,
        subjectId: userId,
        clientAddress: change.clientAddress,
      },
      now,
    );
    if (disabled) await deleteUserSessions(tx, userId);
  });
}

/** How many accounts exist: `npm start` says how to create the first one when there are none. */
export async function countUsers(db: Db): Promise<number> {
  const [{ total }] = (await db.select({ total: count() }).from(users)) as [{ total: number }];
  return total;
}
