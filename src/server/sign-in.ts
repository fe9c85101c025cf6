/**
 * Signing in and out. Sign-in is throttled per client address and per submitted email before the
 * password is checked (src/server/throttle.ts), gives an unknown email and a wrong password the same
 * answer in about the same time, starts a new session every time, and trusts the browser it happened
 * in (src/server/trusted-devices.ts).
 */
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
import { attemptFailed, attemptSucceeded, beginAttempt } from './throttle.ts';
import { isTrustedDevice, trustDevice } from './trusted-devices.ts';
import { findUserByEmail, normaliseEmail, type User } from './users.ts';

const WRONG =
  'That email and password do not match an account. Check them and try again, or reset your password.';

export interface Credentials {
  email: string;
  password: string;
  clientAddress: string;
  /** The trusted-device cookie this browser holds, if any. */
  deviceToken?: string | undefined;
}

/**
 * Checks the credentials and starts a session; throws a sentence saying what to do otherwise.
 * Returns the session, and the trusted-device cookie to keep in this browser.
 */
export async function signIn(
  db: Database,
  lifetimes: SessionLifetimes,
  credentials: Credentials,
  now = Date.now(),
): Promise<{
  user: User;
  token: string;
  expiresAt: number;
  device: { token: string; expiresAt: number };
}> {
  const email = normaliseEmail(credentials.email);
  const { clientAddress, deviceToken } = credentials;
  const trusted = await isTrustedDevice(db, deviceToken, email, now);
  const attempt = await beginAttempt(db, { email, clientAddress, trusted }, now);

  const user = await findUserByEmail(db, email);
  const matches = await verifyPassword(user?.passwordHash ?? null, credentials.password);
  if (!user || !matches) {
    await attemptFailed(db, attempt, { userId: user?.id ?? null, action: 'sign-in-failed' }, now);
    throw new UserFacingError('UNAUTHORIZED', WRONG);
  }
  if (user.disabledAt) {
    await writeTransaction(db, (tx) => attemptSucceeded(tx, attempt, now));
    throw new UserFacingError(
      'FORBIDDEN',
      'This account has been disabled. Ask your programme team if you think that is a mistake.',
    );
  }
  const session = await createSession(db, user, lifetimes, now);
  const device = await writeTransaction(db, async (tx) => {
    await attemptSucceeded(tx, attempt, now);
    await recordAudit(
      tx,
      { action: 'sign-in', actorId: user.id, subjectId: user.id, clientAddress },
      now,
    );
    return trustDevice(tx, user.id, deviceToken, now);
  });
  return { user, ...session, device };
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
