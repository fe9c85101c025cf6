import { describe, expect, test } from 'vitest';
import { generateToken, hashSecret, parseToken, secretMatches } from '../../src/server/tokens.ts';

describe('tokens', () => {
  test('carry at least 128 bits of secret and differ every time', () => {
    const tokens = Array.from({ length: 50 }, generateToken);
    for (const token of tokens) {
      expect(token.value).toBe(`${token.id}.${token.secret}`);
      expect(token.secret.length * 5).toBeGreaterThanOrEqual(128); // base32: 5 bits a character
    }
    expect(new Set(tokens.map((t) => t.value)).size).toBe(50);
  });

  test('are stored as a SHA-256 hash that is not the secret', () => {
    const token = generateToken();
    const hash = hashSecret(token.secret);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token.secret);
    expect(secretMatches(token.secret, hash)).toBe(true);
    expect(secretMatches(generateToken().secret, hash)).toBe(false);
  });

  test('parse only values of their own shape', () => {
    const token = generateToken();
    expect(parseToken(token.value)).toEqual({ id: token.id, secret: token.secret });
    for (const bad of [
      '',
      'abc',
      `${token.id}.${token.secret}x`,
      `${token.id}${token.secret}`,
      token.value.toUpperCase(),
      undefined,
      null,
    ]) {
      expect(parseToken(bad)).toBeUndefined();
    }
  });
});
