/**
 * Throttling kept in the database, so it holds across restarts and across app servers: failed
 * sign-ins counted per submitted email, and a token bucket per client address.
 */
import { and, asc, count, eq, gt } from 'drizzle-orm';
import { authAttempts, rateLimits } from '../../db/schema.ts';
import { takeToken, type BucketRule } from '../lib/token-bucket.ts';
import { writeTransaction, type Database } from './db.ts';

export const MAX_FAILURES = 10;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Per client address: bursts of 30 sign-in and token-link posts, then 10 a minute. */
export const ADDRESS_RULE: BucketRule = { capacity: 30, perMinute: 10 };

/** When the email may try again, if it has failed MAX_FAILURES times within the window. */
export async function emailLockedUntil(
  db: Database,
  email: string,
  now = Date.now(),
): Promise<number | undefined> {
  const since = new Date(now - FAILURE_WINDOW_MS);
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

/** Records a sign-in attempt for the email, whether or not an account has it. */
export async function recordAttempt(
  db: Database,
  attempt: { email: string; clientAddress: string; succeeded: boolean },
  now = Date.now(),
): Promise<void> {
  await writeTransaction(db, (tx) =>
    tx.insert(authAttempts).values({ ...attempt, createdAt: new Date(now) }),
  );
}

/** Takes one token from the address's bucket; false when it is empty. */
export async function allowFromAddress(
  db: Database,
  clientAddress: string,
  now = Date.now(),
  rule = ADDRESS_RULE,
): Promise<boolean> {
  const key = `address:${clientAddress}`;
  return writeTransaction(db, async (tx) => {
    const [row] = await tx.select().from(rateLimits).where(eq(rateLimits.key, key));
    const { allowed, bucket } = takeToken(
      row ? { tokens: row.tokens, refilledAt: row.refilledAt.getTime() } : undefined,
      rule,
      now,
    );
    const values = { tokens: bucket.tokens, refilledAt: new Date(bucket.refilledAt) };
    await tx
      .insert(rateLimits)
      .values({ key, ...values })
      .onConflictDoUpdate({ target: rateLimits.key, set: values });
    return allowed;
  });
}

/** "Try again in 7 minutes." */
export function tryAgainIn(until: number, now = Date.now()): string {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}
