/**
 * Throttling kept in the database, so it holds across restarts and across app servers: failed
 * password checks counted per email, and a token bucket per client address that failures drain
 * (so a room of colleagues behind one address can all sign in) and token-link posts always drain.
 */
import { and, asc, count, eq, gt, max } from 'drizzle-orm';
import { authAttempts, rateLimits } from '../../db/schema.ts';
import { takeToken, type BucketRule } from '../lib/token-bucket.ts';
import { appendAudit, recordAudit, type AuditAction } from './audit.ts';
import { UserFacingError } from './errors.ts';
import { writeTransaction, type Database, type Transaction } from './db.ts';

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Per client address: bursts of 30, then 10 a minute. */
export const ADDRESS_RULE: BucketRule = { capacity: 30, perMinute: 10 };

/**
 * When the email may try again, if it has failed MAX_FAILURES times within the window. Only failures
 * after its latest success count: a sign-in or a password reset proves the person is who they say.
 */
export async function emailLockedUntil(
  db: Database,
  email: string,
  now = Date.now(),
): Promise<number | undefined> {
  const [{ lastSuccess }] = (await db
    .select({ lastSuccess: max(authAttempts.createdAt) })
    .from(authAttempts)
    .where(and(eq(authAttempts.email, email), eq(authAttempts.succeeded, true)))) as [
    { lastSuccess: Date | null },
  ];
  const since = new Date(Math.max(now - FAILURE_WINDOW_MS, lastSuccess?.getTime() ?? 0));
  const recent = and(
    eq(authAttempts.email, email),
    eq(authAttempts.succeeded, false),
    gt(authAttempts.createdAt, since),
  );
  const [{ failures }] = (await db
    .select({ failures: count() })
    .from(authAttempts)
    .where(recent)) as [{ failures: number }];
  if (failures < MAX_FAILURES) return undefined;
  // The window reopens when enough of the oldest failures have aged out of it.
  const [oldest] = await db
    .select({ at: authAttempts.createdAt })
    .from(authAttempts)
    .where(recent)
    .orderBy(asc(authAttempts.createdAt))
    .limit(1)
    .offset(failures - MAX_FAILURES);
  return oldest!.at.getTime() + FAILURE_WINDOW_MS;
}

/**
 * Which of an address's buckets: sign-in failures and token-link posts share one; failed certificate
 * verifications drain another, so guessing codes cannot lock an office out of signing in.
 */
export type BucketName = 'address' | 'verification';

const addressKey = (clientAddress: string, bucket: BucketName) => `${bucket}:${clientAddress}`;

async function readBucket(
  db: Database | Transaction,
  clientAddress: string,
  bucket: BucketName = 'address',
) {
  const [row] = await db
    .select()
    .from(rateLimits)
    .where(eq(rateLimits.key, addressKey(clientAddress, bucket)));
  return row ? { tokens: row.tokens, refilledAt: row.refilledAt.getTime() } : undefined;
}

/** Takes one token from the address's bucket inside a write transaction; false when it was empty. */
async function chargeAddress(
  tx: Transaction,
  clientAddress: string,
  now: number,
  rule: BucketRule,
  name: BucketName = 'address',
) {
  const { allowed, bucket } = takeToken(await readBucket(tx, clientAddress, name), rule, now);
  const values = { tokens: bucket.tokens, refilledAt: new Date(bucket.refilledAt) };
  await tx
    .insert(rateLimits)
    .values({ key: addressKey(clientAddress, name), ...values })
    .onConflictDoUpdate({ target: rateLimits.key, set: values });
  return allowed;
}

/** Whether the address's bucket has a token left, without taking one. */
export async function addressHasTokens(
  db: Database,
  clientAddress: string,
  now = Date.now(),
  rule = ADDRESS_RULE,
  bucket: BucketName = 'address',
): Promise<boolean> {
  return takeToken(await readBucket(db, clientAddress, bucket), rule, now).allowed;
}

/** Takes one token from the address's bucket; false when it is empty. */
export function allowFromAddress(
  db: Database,
  clientAddress: string,
  now = Date.now(),
  rule = ADDRESS_RULE,
  bucket: BucketName = 'address',
): Promise<boolean> {
  return writeTransaction(db, (tx) => chargeAddress(tx, clientAddress, now, rule, bucket));
}

export interface Failure {
  email: string;
  clientAddress: string;
  userId?: string | null;
  action: Extract<AuditAction, 'sign-in-failed' | 'password-change-failed'>;
}

/** Records a failed password check: counts it against the email, drains the address's bucket and audits it. */
export async function recordFailure(
  db: Database,
  failure: Failure,
  now = Date.now(),
): Promise<void> {
  await writeTransaction(db, async (tx) => {
    await tx.insert(authAttempts).values({
      email: failure.email,
      clientAddress: failure.clientAddress,
      succeeded: false,
      createdAt: new Date(now),
    });
    await chargeAddress(tx, failure.clientAddress, now, ADDRESS_RULE);
    await recordAudit(
      tx,
      {
        action: failure.action,
        actorId: failure.action === 'password-change-failed' ? (failure.userId ?? null) : null,
        subjectId: failure.userId ?? null,
        subjectEmail: failure.email,
        clientAddress: failure.clientAddress,
      },
      now,
    );
  });
}

/** Refuses when the client address or the email has failed too often. */
export async function refuseIfThrottled(
  db: Database,
  email: string,
  clientAddress: string,
  now = Date.now(),
): Promise<void> {
  if (!(await addressHasTokens(db, clientAddress, now))) {
    await appendAudit(
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
      'Too many failed attempts from your network. Try again in a few minutes.',
    );
  }
  const lockedUntil = await emailLockedUntil(db, email, now);
  if (lockedUntil) {
    await appendAudit(
      db,
      { action: 'sign-in-throttled', subjectEmail: email, clientAddress, detail: { by: 'email' } },
      now,
    );
    throw new UserFacingError(
      'TOO_MANY_REQUESTS',
      `Too many failed attempts for this email. ${tryAgainIn(lockedUntil, now)} You can reset your password now if you have forgotten it.`,
    );
  }
}

/** "Try again in 7 minutes." */
export function tryAgainIn(until: number, now = Date.now()): string {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
