/**
 * Throttling kept in the database, so it holds across restarts and across app servers: password
 * checks counted per email, and a token bucket per client address. Both are charged in one write
 * transaction BEFORE the password is checked, so a burst fired at once gets no further than the same
 * requests sent one after another, and a refused request costs no password hashing.
 *
 * Following OWASP's authentication guidance, the address limit slows guessing without refusing a
 * person who proves who they are: a success gives its token back (a room of colleagues behind one
 * address can all sign in), and a browser that has signed in to the account before (a trusted
 * device, src/server/trusted-devices.ts) is not charged at all, so someone guessing from a shared
 * office address cannot lock the office out. The per-account lockout applies to every browser.
 */
import { and, asc, count, eq, gt, max } from 'drizzle-orm';
import { authAttempts, rateLimits } from '../../db/schema.ts';
import { returnToken, takeToken, type BucketRule } from '../lib/token-bucket.ts';
import { appendAudit, type AuditAction } from './audit.ts';
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
  db: Database | Transaction,
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
 * Which of an address's buckets: password checks and token-link posts share one; certificate codes
 * that match nothing drain another, so guessing codes cannot lock an office out of signing in.
 */
export type BucketName = 'address' | 'verification';

const addressKey = (clientAddress: string, name: BucketName) => `${name}:${clientAddress}`;

async function readBucket(
  db: Database | Transaction,
  clientAddress: string,
  name: BucketName = 'address',
) {
  const [row] = await db
    .select()
    .from(rateLimits)
    .where(eq(rateLimits.key, addressKey(clientAddress, name)));
  return row ? { tokens: row.tokens, refilledAt: row.refilledAt.getTime() } : undefined;
}

async function writeBucket(
  tx: Transaction,
  clientAddress: string,
  bucket: { tokens: number; refilledAt: number },
  name: BucketName = 'address',
) {
  const values = { tokens: bucket.tokens, refilledAt: new Date(bucket.refilledAt) };
  await tx
    .insert(rateLimits)
    .values({ key: addressKey(clientAddress, name), ...values })
    .onConflictDoUpdate({ target: rateLimits.key, set: values });
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
  await writeBucket(tx, clientAddress, bucket, name);
  return allowed;
}

/**
 * Runs a lookup that guesses could abuse (a certificate code) the way password checks run: in one
 * write transaction that first takes a token from the address's bucket `name`, refusing when it is
 * empty, and gives it back when the lookup finds something, so only misses use the bucket up.
 */
export function lookUpThrottled<T>(
  db: Database,
  clientAddress: string,
  name: BucketName,
  lookUp: (tx: Transaction) => Promise<T | undefined>,
  now = Date.now(),
  rule = ADDRESS_RULE,
): Promise<{ refused: true } | { refused: false; found: T | undefined }> {
  return writeTransaction(db, async (tx) => {
    if (!(await chargeAddress(tx, clientAddress, now, rule, name))) return { refused: true };
    const found = await lookUp(tx);
    if (found !== undefined) {
      const bucket = await readBucket(tx, clientAddress, name);
      if (bucket) await writeBucket(tx, clientAddress, returnToken(bucket, rule, now), name);
    }
    return { refused: false, found };
  });
}

/** Whether the address's bucket has a token left, without taking one. */
export async function addressHasTokens(
  db: Database,
  clientAddress: string,
  now = Date.now(),
  rule = ADDRESS_RULE,
): Promise<boolean> {
  return takeToken(await readBucket(db, clientAddress), rule, now).allowed;
}

/** Takes one token from the address's bucket; false when it is empty. */
export function allowFromAddress(
  db: Database,
  clientAddress: string,
  now = Date.now(),
  rule = ADDRESS_RULE,
): Promise<boolean> {
  return writeTransaction(db, (tx) => chargeAddress(tx, clientAddress, now, rule));
}

/** A password check that has been let through its limits and counted as a failure until it succeeds. */
export interface Attempt {
  id: number;
  email: string;
  clientAddress: string;
  /** Whether a token was taken from the address's bucket, to give back on success. */
  chargedAddress: boolean;
}

/**
 * Lets one password check through, or refuses it with a sentence before any password work: charges
 * the address (unless the browser is trusted for this email) and counts the attempt against the
 * email as a failure, atomically, so concurrent attempts cannot all pass a check made before any of
 * them was counted. `attemptSucceeded` undoes both for a right password.
 */
export async function beginAttempt(
  db: Database,
  request: {
    email: string;
    clientAddress: string;
    /** Whether a trusted browser or a session already vouches for the person: no address charge. */
    trusted: boolean;
  },
  now = Date.now(),
): Promise<Attempt> {
  const { email, clientAddress, trusted } = request;
  const outcome = await writeTransaction(db, async (tx) => {
    if (!trusted && !(await chargeAddress(tx, clientAddress, now, ADDRESS_RULE)))
      return { refusedBy: 'address' as const };
    const lockedUntil = await emailLockedUntil(tx, email, now);
    if (lockedUntil) return { refusedBy: 'email' as const, lockedUntil };
    const [row] = await tx
      .insert(authAttempts)
      .values({ email, clientAddress, succeeded: false, createdAt: new Date(now) })
      .returning({ id: authAttempts.id });
    return { attempt: { id: row!.id, email, clientAddress, chargedAddress: !trusted } };
  });
  if (outcome.attempt) return outcome.attempt;
  await appendAudit(
    db,
    {
      action: 'sign-in-throttled',
      subjectEmail: email,
      clientAddress,
      detail: { by: outcome.refusedBy },
    },
    now,
  );
  if (outcome.refusedBy === 'address') {
    throw new UserFacingError(
      'TOO_MANY_REQUESTS',
      'Too many failed attempts from your network. Try again in a few minutes, or from a browser you have signed in with before.',
    );
  }
  throw new UserFacingError(
    'TOO_MANY_REQUESTS',
    `Too many failed attempts for this email. ${tryAgainIn(outcome.lockedUntil, now)} You can reset your password now if you have forgotten it.`,
  );
}

/** Records that the password was right: the attempt no longer counts, and the address gets its token back. */
export async function attemptSucceeded(
  tx: Transaction,
  attempt: Attempt,
  now = Date.now(),
): Promise<void> {
  await tx.update(authAttempts).set({ succeeded: true }).where(eq(authAttempts.id, attempt.id));
  if (!attempt.chargedAddress) return;
  const bucket = await readBucket(tx, attempt.clientAddress);
  if (bucket) await writeBucket(tx, attempt.clientAddress, returnToken(bucket, ADDRESS_RULE, now));
}

/** Audits a wrong password; `beginAttempt` has already counted it against the email and the address. */
export async function attemptFailed(
  db: Database,
  attempt: Attempt,
  failure: {
    userId?: string | null;
    action: Extract<AuditAction, 'sign-in-failed' | 'password-change-failed'>;
  },
  now = Date.now(),
): Promise<void> {
  await appendAudit(
    db,
    {
      action: failure.action,
      actorId: failure.action === 'password-change-failed' ? (failure.userId ?? null) : null,
      subjectId: failure.userId ?? null,
      subjectEmail: attempt.email,
      clientAddress: attempt.clientAddress,
    },
    now,
  );
}

/** "Try again in 7 minutes." */
export function tryAgainIn(until: number, now = Date.now()): string {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
