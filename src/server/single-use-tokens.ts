/**
 * What invitations and password resets share: a hashed single-use token with an expiry. Issuing one
 * revokes the user's earlier ones; looking one up never spends it; only `spend` does.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { invitations, passwordResets, users } from '../../db/schema.ts';
import type { Transaction } from './db.ts';
import type { Db } from './db.ts';
import { generateToken, hashSecret, parseToken, secretMatches } from './tokens.ts';
import type { User } from './users.ts';

type TokenTable = typeof invitations | typeof passwordResets;

/** Issues a token for the user, revoking their unused earlier ones. Run inside a write transaction. */
export async function issueToken(
  tx: Transaction,
  table: TokenTable,
  userId: string,
  lifetimeMs: number,
  now: number,
  extra: Record<string, unknown> = {},
): Promise<string> {
  await tx
    .update(table)
    .set({ revokedAt: new Date(now) })
    .where(and(eq(table.userId, userId), isNull(table.usedAt), isNull(table.revokedAt)));
  const token = generateToken();
  await tx.insert(table).values({
    id: token.id,
    secretHash: hashSecret(token.secret),
    userId,
    createdAt: new Date(now),
    expiresAt: new Date(now + lifetimeMs),
    ...extra,
  });
  return token.value;
}

export type UnusableReason = 'unknown' | 'expired' | 'used' | 'replaced' | 'disabled';

export type TokenState =
  { usable: true; tokenId: string; user: User } | { usable: false; reason: UnusableReason };

/** Whether a presented token can still be used, and for whom. Never spends it. */
export async function inspectToken(
  db: Db,
  table: TokenTable,
  value: string,
  now: number,
): Promise<TokenState> {
  const parsed = parseToken(value);
  if (!parsed) return { usable: false, reason: 'unknown' };
  const [row] = await db
    .select({ token: table, user: users })
    .from(table)
    .innerJoin(users, eq(users.id, table.userId))
    .where(eq(table.id, parsed.id));
  if (!row || !secretMatches(parsed.secret, row.token.secretHash)) {
    return { usable: false, reason: 'unknown' };
  }
  // Only the holder of the secret learns why the link is dead, so telling them hides nothing.
  if (row.user.disabledAt) return { usable: false, reason: 'disabled' };
  if (row.token.usedAt) return { usable: false, reason: 'used' };
  if (row.token.revokedAt) return { usable: false, reason: 'replaced' };
  if (row.token.expiresAt.getTime() <= now) return { usable: false, reason: 'expired' };
  return { usable: true, tokenId: row.token.id, user: row.user };
}

/** Revokes every unused token of the user, in both tables. Run inside a write transaction. */
export async function revokeTokens(tx: Transaction, userId: string, now: number) {
  for (const table of [invitations, passwordResets]) {
    await tx
      .update(table)
      .set({ revokedAt: new Date(now) })
      .where(and(eq(table.userId, userId), isNull(table.usedAt), isNull(table.revokedAt)));
  }
}

/** Marks a token used. Run inside the write transaction that acts on it. */
export async function spendToken(tx: Transaction, table: TokenTable, tokenId: string, now: number) {
  await tx
    .update(table)
    .set({ usedAt: new Date(now) })
    .where(eq(table.id, tokenId));
}
