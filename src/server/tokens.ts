/**
 * Secrets handed to people (session cookies, invitation and reset links) as `<id>.<secret>`.
 * The id finds the row; only SHA-256(secret) is stored, and it is compared in constant time.
 */
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase, decodeHex } from '@oslojs/encoding';

export interface Token {
  id: string;
  secret: string;
  /** What the person holds: `<id>.<secret>`. */
  value: string;
}

const ID_BYTES = 10;
const SECRET_BYTES = 20; // 160 bits
const TOKEN_PATTERN = /^([a-z2-7]{16})\.([a-z2-7]{32})$/;

function randomBase32(bytes: number): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A new random token. */
export function generateToken(): Token {
  const id = randomBase32(ID_BYTES);
  const secret = randomBase32(SECRET_BYTES);
  return { id, secret, value: `${id}.${secret}` };
}

/** SHA-256 of the secret, hex-encoded: what the database keeps. */
export function hashSecret(secret: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

/** Splits a token a person presented; undefined when it is not of our shape. */
export function parseToken(
  value: string | undefined | null,
): { id: string; secret: string } | undefined {
  const match = value?.match(TOKEN_PATTERN);
  return match ? { id: match[1]!, secret: match[2]! } : undefined;
}

/** Whether the secret hashes to the stored hash, compared in constant time. */
export function secretMatches(secret: string, storedHash: string): boolean {
  return constantTimeEqual(decodeHex(hashSecret(secret)), decodeHex(storedHash));
}
