import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { sessions, users } from '../../db/schema.ts';
import { DAY, HOUR } from '../../src/lib/session-policy.ts';
import { writeTransaction } from '../../src/server/db.ts';
import {
  createSession,
  deleteSession,
  deleteUserSessions,
  validateSessionToken,
} from '../../src/server/sessions.ts';
import { freshDatabase } from './fresh-database.ts';
import { activeUser, everyStoredValue, lifetimes } from './helpers.ts';

const start = Date.UTC(2026, 10, 2, 9, 0);

describe('sessions', () => {
  test('stores only a hash of the secret, and the token validates to its user', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const { token } = await createSession(db, ana, lifetimes, start);
    const secret = token.split('.')[1]!;
    expect(await everyStoredValue(db)).not.toContain(secret);
    const session = await validateSessionToken(db, token, lifetimes, start + 1000);
    expect(session?.user).toMatchObject({
      id: ana.id,
      email: 'ana@example.org',
      role: 'participant',
    });
  });

  test('refuses a token whose secret is wrong, even with a real id', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const { token } = await createSession(db, ana, lifetimes, start);
    const forged = `${token.split('.')[0]}.${'a'.repeat(32)}`;
    expect(await validateSessionToken(db, forged, lifetimes, start)).toBeUndefined();
  });

  test('ends after the idle timeout, and slides when used, renewing at most hourly', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const { token } = await createSession(db, ana, lifetimes, start);

    const early = await validateSessionToken(db, token, lifetimes, start + 30 * 60 * 1000);
    expect(early?.renewed).toBe(false);
    const later = await validateSessionToken(db, token, lifetimes, start + 6 * DAY);
    expect(later).toMatchObject({ renewed: true, expiresAt: start + 13 * DAY });
    expect(await validateSessionToken(db, token, lifetimes, start + 12 * DAY)).toBeDefined();
    expect(
      await validateSessionToken(db, token, lifetimes, start + 19 * DAY + HOUR),
    ).toBeUndefined();
    expect(await db.select().from(sessions)).toEqual([]);
  });

  test('ends 30 days after creation however often it is used', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const { token } = await createSession(db, ana, lifetimes, start);
    for (let day = 5; day < 30; day += 5) {
      expect(await validateSessionToken(db, token, lifetimes, start + day * DAY)).toBeDefined();
    }
    expect(await validateSessionToken(db, token, lifetimes, start + 30 * DAY)).toBeUndefined();
  });

  test('gives the programme team shorter sessions, reading the role on every request', async () => {
    const db = await freshDatabase();
    const pat = await activeUser(db, 'pat@example.org');
    const { token } = await createSession(db, pat, lifetimes, start);
    await writeTransaction(db, (tx) =>
      tx.update(users).set({ role: 'programme' }).where(eq(users.id, pat.id)),
    );
    const session = await validateSessionToken(db, token, lifetimes, start + 1000);
    expect(session?.user.role).toBe('programme');
    expect(await validateSessionToken(db, token, lifetimes, start + 13 * HOUR)).toBeUndefined();
  });

  test('ends the sessions of a disabled account', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const { token } = await createSession(db, ana, lifetimes, start);
    await writeTransaction(db, (tx) =>
      tx
        .update(users)
        .set({ disabledAt: new Date(start) })
        .where(eq(users.id, ana.id)),
    );
    expect(await validateSessionToken(db, token, lifetimes, start + 1000)).toBeUndefined();
  });

  test('signing out ends one session; signing out everywhere else keeps only the current one', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const phone = await createSession(db, ana, lifetimes, start);
    const laptop = await createSession(db, ana, lifetimes, start);
    const tablet = await createSession(db, ana, lifetimes, start);
    await deleteSession(db, phone.token.split('.')[0]!);
    expect(await validateSessionToken(db, phone.token, lifetimes, start)).toBeUndefined();
    await deleteUserSessions(db, ana.id, laptop.token.split('.')[0]!);
    expect(await validateSessionToken(db, laptop.token, lifetimes, start)).toBeDefined();
    expect(await validateSessionToken(db, tablet.token, lifetimes, start)).toBeUndefined();
  });
});
