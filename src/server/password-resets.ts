/**
 * Password resets by email. Asking always gets the same answer, so the form never reveals whether
 * an address has an account; a throttled account can still reset its password.
 */
import { and, count, eq, gt } from 'drizzle-orm';
import { authAttempts, passwordResets, users } from '../../db/schema.ts';
import { describeLifetime, RESET_LIFETIME_MS } from '../lib/link-lifetimes.ts';
import { HOUR } from '../lib/session-policy.ts';
import { recordAudit } from './audit.ts';
import { inWriteTransaction, writeTransaction, type Database, type Db } from './db.ts';
import { UserFacingError } from './errors.ts';
import { resetMessage } from './mail.ts';
import { queueMail } from './mail-queue.ts';
import { hashNewPassword } from './passwords.ts';
import { deleteUserSessions } from './sessions.ts';
import {
  inspectToken,
  issueToken,
  spendToken,
  type TokenState,
  type UnusableReason,
} from './single-use-tokens.ts';
import { findUserByEmail, type User } from './users.ts';

/** At most this many reset emails go to one account an hour, however often the form is sent. */
export const RESETS_PER_HOUR = 3;

/**
 * Queues a reset link when the address belongs to an active account that has had fewer than
 * RESETS_PER_HOUR in the past hour, and otherwise does nothing.
 * The caller gets the same answer at the same moment either way: the link is issued and queued
 * after returning, so a known address does not answer more slowly.
 */
export async function requestPasswordReset(
  db: Database,
  siteUrl: string,
  email: string,
  clientAddress: string,
  now = Date.now(),
): Promise<void> {
  const user = await findUserByEmail(db, email);
  if (!user || user.disabledAt || !user.passwordHash) return;
  issueResetLink(db, siteUrl, user, clientAddress, now).catch((error: unknown) => {
    console.error(
      'Could not issue a password-reset link:',
      error instanceof Error ? error.message : error,
    );
  });
}

async function issueResetLink(
  db: Database,
  siteUrl: string,
  user: User,
  clientAddress: string,
  now: number,
): Promise<void> {
  await writeTransaction(db, async (tx) => {
    // Counted in the transaction that issues the link, so requests sent at once cannot all pass.
    const [{ recent }] = (await tx
      .select({ recent: count() })
      .from(passwordResets)
      .where(
        and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, new Date(now - HOUR))),
      )) as [{ recent: number }];
    if (recent >= RESETS_PER_HOUR) return;
    const token = await issueToken(tx, passwordResets, user.id, RESET_LIFETIME_MS, now);
    await recordAudit(
      tx,
      {
        action: 'password-reset-requested',
        subjectId: user.id,
        subjectEmail: user.email,
        clientAddress,
      },
      now,
    );
    const link = new URL(`/reset/${token}`, siteUrl).href;
    await queueMail(tx, { kind: 'password-reset', ...resetMessage(user.email, link) }, now);
  });
}

/** Whether a reset link can still be used. Does not spend it. */
export function inspectPasswordReset(
  db: Database,
  token: string,
  now = Date.now(),
): Promise<TokenState> {
  return inspectToken(db, passwordResets, token, now);
}

/** A sentence for a reset link that cannot be used. */
export function unusableResetMessage(reason: UnusableReason): string {
  return {
    unknown: 'This reset link is not valid. Check you copied the whole link, or ask for a new one.',
    expired: `This reset link has expired: links last ${describeLifetime(RESET_LIFETIME_MS)}. Ask for a new one below.`,
    used: 'This reset link has already been used. Sign in with your new password, or ask for a new link below.',
    replaced:
      'A newer reset link has been sent, so this one no longer works. Use the newest email, or ask for a new link below.',
    disabled:
      'This account has been disabled. Ask your programme team if you think that is a mistake.',
  }[reason];
}

/** Sets a new password from a reset link, spends the link and ends every session of the user. */
export async function resetPassword(
  db: Db,
  token: string,
  password: string,
  clientAddress: string,
  now = Date.now(),
): Promise<User> {
  const passwordHash = await hashNewPassword(password);
  return inWriteTransaction(db, async (tx) => {
    const state = await inspectToken(tx, passwordResets, token, now);
    if (!state.usable) throw new UserFacingError('GONE', unusableResetMessage(state.reason));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, state.user.id));
    await spendToken(tx, passwordResets, state.tokenId, now);
    // Proof of the mailbox lifts a sign-in lockout, so the new password works at once.
    await tx.insert(authAttempts).values({
      email: state.user.email,
      clientAddress,
      succeeded: true,
      createdAt: new Date(now),
    });
    await recordAudit(
      tx,
      { action: 'password-reset', actorId: state.user.id, subjectId: state.user.id, clientAddress },
      now,
    );
    await deleteUserSessions(tx, state.user.id);
    return state.user;
  });
}
