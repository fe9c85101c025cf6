/**
 * Signing in: throttled per client address and per submitted email, the same answer in about the
 * same time for an unknown email and a wrong password, and a new session every time.
 */
import { recordAudit } from './audit.ts';
import type { Database } from './db.ts';
import { UserFacingError } from './errors.ts';
import { verifyPassword } from './passwords.ts';
import { createSession, type SessionLifetimes } from './sessions.ts';
import { allowFromAddress, emailLockedUntil, recordAttempt, tryAgainIn } from './throttle.ts';
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
  if (!(await allowFromAddress(db, clientAddress, now))) {
    await recordAudit(
      db,
      {
        action: 'sign-in-throttled',
        subjectEmail: email,
        clientAddress,
        detail: { by: 'address' },
      },
      now,
    );
    throw new UserFacingError(
      'TOO_MANY_REQUESTS',
      'Too many attempts from your network. Try again in a few minutes.',
    );
  }
  const lockedUntil = await emailLockedUntil(db, email, now);
  if (lockedUntil) {
    await recordAudit(
      db,
      { action: 'sign-in-throttled', subjectEmail: email, clientAddress, detail: { by: 'email' } },
      now,
    );
    throw new UserFacingError(
      'TOO_MANY_REQUESTS',
      `Too many failed attempts for this email. ${tryAgainIn(lockedUntil, now)} You can reset your password now if you have forgotten it.`,
    );
  }

  const user = await findUserByEmail(db, email);
  const matches = await verifyPassword(user?.passwordHash ?? null, credentials.password);
  if (!user || !matches) {
    await recordAttempt(db, { email, clientAddress, succeeded: false }, now);
    await recordAudit(
      db,
      { action: 'sign-in-failed', subjectId: user?.id ?? null, subjectEmail: email, clientAddress },
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
  await recordAttempt(db, { email, clientAddress, succeeded: true }, now);
  const session = await createSession(db, user, lifetimes, now);
  await recordAudit(
    db,
    { action: 'sign-in', actorId: user.id, subjectId: user.id, clientAddress },
    now,
  );
  return { user, ...session };
}
