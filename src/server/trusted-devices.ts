/**
 * Browsers a person has signed in with, after OWASP's "Slow Down Online Guessing Attacks with
 * Device Cookies": proving who you are once (a password, an invitation or a reset link) leaves a
 * long-lived cookie naming this browser as yours. A sign-in from a trusted browser for its own
 * account skips its address's allowance, so guessing from a shared office address never locks out
 * the people who work there; the account lockout still applies to every browser.
 */
import { and, eq, gt } from 'drizzle-orm';
import { trustedDevices, users } from '../../db/schema.ts';
import { DAY } from '../lib/session-policy.ts';
import type { Database, Transaction } from './db.ts';
import { generateToken, hashSecret, parseToken, secretMatches } from './tokens.ts';

export const DEVICE_LIFETIME_MS = 180 * DAY;

/** Whether `token` is a browser's cookie that vouches for the account with this email. */
export async function isTrustedDevice(
  db: Database | Transaction,
  token: string | undefined,
  email: string,
  now = Date.now(),
): Promise<boolean> {
  const parsed = parseToken(token);
  if (!parsed) return false;
  const [row] = await db
    .select({ secretHash: trustedDevices.secretHash })
    .from(trustedDevices)
    .innerJoin(users, eq(users.id, trustedDevices.userId))
    .where(
      and(
        eq(trustedDevices.id, parsed.id),
        eq(users.email, email),
        gt(trustedDevices.expiresAt, new Date(now)),
      ),
    );
  return Boolean(row && secretMatches(parsed.secret, row.secretHash));
}

/**
 * Trusts this browser for the user for DEVICE_LIFETIME_MS from now: renews the cookie it already
 * holds for them, or issues a new one. Returns the cookie's value and expiry.
 */
export async function trustDevice(
  tx: Transaction,
  userId: string,
  presented: string | undefined,
  now = Date.now(),
): Promise<{ token: string; expiresAt: number }> {
  const expiresAt = now + DEVICE_LIFETIME_MS;
  const parsed = parseToken(presented);
  if (parsed) {
    const [row] = await tx
      .select()
      .from(trustedDevices)
      .where(and(eq(trustedDevices.id, parsed.id), eq(trustedDevices.userId, userId)));
    if (row && secretMatches(parsed.secret, row.secretHash)) {
      await tx
        .update(trustedDevices)
        .set({ expiresAt: new Date(expiresAt) })
        .where(eq(trustedDevices.id, row.id));
      return { token: presented!, expiresAt };
    }
  }
  const token = generateToken();
  await tx.insert(trustedDevices).values({
    id: token.id,
    secretHash: hashSecret(token.secret),
    userId,
    createdAt: new Date(now),
    expiresAt: new Date(expiresAt),
  });
  return { token: token.value, expiresAt };
}
