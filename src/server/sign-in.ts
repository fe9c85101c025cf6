/**
 * Signing in and out. Sign-in is throttled per client address and per submitted email, gives an
 * unknown email and a wrong password the same answer in about the same time, and starts a new
 * session every time.
 */
import { authAttempts } from '../../db/schema.ts';
import { appendAudit, recordAudit } from './audit.ts';
import { writeTransaction, type Database } from './db.ts';
import { UserFacingError } from './errors.ts';
import { verifyPassword } from './passwords.ts';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  type SessionLifetimes,
} from './sessions.ts';
import { recordFailure, refuseIfThrottled } from './throttle.ts';
import { findUserByEmail, normaliseEmail, type User } from './users.ts';

const WRONG =
  'That email and password do not match an account. Check them and try again, or reset your password.';

/** Checks the credentials and starts a session; throws a sentence saying what to do otherwise. */
export async function signIn(
  db: Database,
  lifetimes: SessionLifetimes,
  credentials: { email: string; password: string; clientAddress: string },
  now = Date.now(),
): Promise<{ user: User; token: string; expiresAt: number }> {
  const email = normaliseEmail(credentials.email);
  const { clientAddress } = credentials;
  await refuseIfThrottled(db, email, clientAddress, now);

  const user = await findUserByEmail(db, email);
  const matches = await verifyPassword(user?.passwordHash ?? null, credentials.password);
  if (!user || !matches) {
    await recordFailure(
      db,
      { email, clientAddress, userId: user?.id ?? null, action: 'sign-in-failed' },
      now,
    );
    throw new UserFacingError('UNAUTHORIZED', WRONG);
  }
  if (user.disabledAt) {
    throw new UserFacingError(
      'FORBIDDEN',
      'This account has been disabled. Ask your programme team if you think that is a mistake.',
    );
  }
  const session = await createSession(db, user, lifetimes, now);
  await writeTransaction(db, async (tx) => {
    await tx
      .insert(authAttempts)
      .values({ email, clientAddress, succeeded: true, createdAt: new Date(now) });
    await recordAudit(
      tx,
      { action: 'sign-in', actorId: user.id, subjectId: user.id, clientAddress },
      now,
    );
  });
  return { user, ...session };
}

/** Ends this session. */
export async function signOut(
  db: Database,
  sessionId: string,
  userId: string,
  clientAddress: string,
) {
  await deleteSession(db, sessionId);
  await appendAudit(db, { action: 'sign-out', actorId: userId, subjectId: userId, clientAddress });
}

/** Ends every session of the user but this one. */
export async function signOutEverywhereElse(
  db: Database,
  sessionId: string,
  userId: string,
  clientAddress: string,
) {
  await deleteUserSessions(db, userId, sessionId);
  await appendAudit(db, {
    action: 'sign-out-everywhere',
    actorId: userId,
    subjectId: userId,
    clientAddress,
  });
}
