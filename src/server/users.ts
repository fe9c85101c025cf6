/** People: finding them, inviting them in, and the account changes they make themselves. */
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import { recordAudit } from './audit.ts';
import { inWriteTransaction, type Database, type Db } from './db.ts';
import { UserFacingError } from './errors.ts';
import { hashNewPassword, verifyPassword } from './passwords.ts';
import { deleteUserSessions, type Role } from './sessions.ts';
import { attemptFailed, attemptSucceeded, beginAttempt } from './throttle.ts';

export type User = typeof users.$inferSelect;

/** How emails are compared and stored: trimmed and lower-cased. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)));
  return user;
}

export async function findUserById(db: Db, id: string): Promise<User | undefined> {
  const [user] = await db.select().from(users).where(eq(users.id, id));
  return user;
}

/**
 * The account for this email, created (without a password) when there is none. An existing
 * account is returned as it is: its name, role and password are left alone.
 */
export async function findOrCreateUser(
  db: Db,
  person: { email: string; name: string; role?: Role },
  now = Date.now(),
): Promise<{ user: User; created: boolean }> {
  return inWriteTransaction(db, async (tx) => {
    const email = normaliseEmail(person.email);
    const [existing] = await tx.select().from(users).where(eq(users.email, email));
    if (existing) return { user: existing, created: false };
    const [user] = await tx
      .insert(users)
      .values({
        id: crypto.randomUUID(),
        email,
        name: person.name.trim(),
        role: person.role ?? 'participant',
        createdAt: new Date(now),
      })
      .returning();
    return { user: user!, created: true };
  });
}

/** Changes the person's own display name. */
export async function renameUser(db: Db, userId: string, name: string): Promise<void> {
  await inWriteTransaction(db, async (tx) => {
    await tx.update(users).set({ name: name.trim() }).where(eq(users.id, userId));
    await recordAudit(tx, { action: 'name-changed', actorId: userId, subjectId: userId });
  });
}

/**
 * Changes a password after checking the current one (throttled like signing in), ends every
 * session of the user, and leaves the caller to start a new one for this device.
 */
export async function changePassword(
  db: Database,
  userId: string,
  current: string,
  next: string,
  clientAddress: string,
  now = Date.now(),
): Promise<void> {
  const user = await findUserById(db, userId);
  if (!user) throw new UserFacingError('UNAUTHORIZED', 'Sign in again to change your password.');
  // The session already proves who is asking, so only the account's lockout applies, not the address's.
  const attempt = await beginAttempt(db, { email: user.email, clientAddress, trusted: true }, now);
  if (!(await verifyPassword(user.passwordHash, current))) {
    await attemptFailed(db, attempt, { userId, action: 'password-change-failed' }, now);
    throw new UserFacingError('BAD_REQUEST', 'Your current password is not right. Type it again.');
  }
  await inWriteTransaction(db, (tx) => attemptSucceeded(tx, attempt, now));
  const passwordHash = await hashNewPassword(next);
  await inWriteTransaction(db, async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
    await recordAudit(
      tx,
      { action: 'password-changed', actorId: userId, subjectId: userId, clientAddress },
      now,
    );
    await deleteUserSessions(tx, userId);
  });
}
