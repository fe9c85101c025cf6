import { describe, expect, test } from 'vitest';
import { auditLog } from '../../db/schema.ts';
import { requestPasswordReset, resetPassword } from '../../src/server/password-resets.ts';
import { signIn } from '../../src/server/sign-in.ts';
import {
  addressHasTokens,
  allowFromAddress,
  FAILURE_WINDOW_MS,
} from '../../src/server/throttle.ts';
import { changePassword } from '../../src/server/users.ts';
import { clientAddress } from '../../src/lib/client-address.ts';
import { freshDatabase } from './fresh-database.ts';
import { SITE, activeUser, everyStoredValue, lifetimes, mailbox, tokenOf } from './helpers.ts';

const now = Date.UTC(2026, 10, 5, 10, 0);

describe('signing in', () => {
  test('starts a new session each time and audits it', async () => {
    const db = await freshDatabase();
    await activeUser(db, 'ana@example.org', 'her own password');
    const first = await signIn(
      db,
      lifetimes,
      { email: 'Ana@Example.org', password: 'her own password', clientAddress: '10.1.1.1' },
      now,
    );
    const second = await signIn(
      db,
      lifetimes,
      { email: 'ana@example.org', password: 'her own password', clientAddress: '10.1.1.1' },
      now,
    );
    expect(first.token).not.toBe(second.token);
    const actions = (await db.select().from(auditLog)).map((entry) => [
      entry.action,
      entry.clientAddress,
    ]);
    expect(actions).toEqual([
      ['sign-in', '10.1.1.1'],
      ['sign-in', '10.1.1.1'],
    ]);
  });

  test('gives an unknown email and a wrong password the same answer', async () => {
    const db = await freshDatabase();
    await activeUser(db, 'ana@example.org', 'her own password');
    const wrong = signIn(
      db,
      lifetimes,
      { email: 'ana@example.org', password: 'not hers at all', clientAddress: 'a' },
      now,
    );
    const unknown = signIn(
      db,
      lifetimes,
      { email: 'zed@example.org', password: 'not hers at all', clientAddress: 'a' },
      now,
    );
    const [wrongError, unknownError] = await Promise.all([
      wrong.catch((e) => e),
      unknown.catch((e) => e),
    ]);
    expect(wrongError.message).toBe(unknownError.message);
    expect(wrongError.code).toBe('UNAUTHORIZED');
    expect(unknownError.code).toBe('UNAUTHORIZED');
  });

  test.each(['ana@example.org', 'nobody@example.org'])(
    'refuses the 11th failure within 15 minutes for %s, saying when to try again',
    async (email) => {
      const db = await freshDatabase();
      await activeUser(db, 'ana@example.org', 'her own password');
      for (let i = 0; i < 10; i++) {
        await expect(
          signIn(
            db,
            lifetimes,
            { email, password: 'wrong guess here', clientAddress: `10.0.0.${i}` },
            now + i * 1000,
          ),
        ).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
      }
      await expect(
        signIn(
          db,
          lifetimes,
          { email, password: 'her own password', clientAddress: '10.0.1.1' },
          now + 60_000,
        ),
      ).rejects.toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        message: expect.stringMatching(/Try again in 14 minutes/),
      });
      const later = now + FAILURE_WINDOW_MS + 10_000;
      if (email === 'ana@example.org') {
        await expect(
          signIn(
            db,
            lifetimes,
            { email, password: 'her own password', clientAddress: '10.0.1.1' },
            later,
          ),
        ).resolves.toMatchObject({ user: { email } });
      }
    },
  );

  test('lets a throttled account still reset its password', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    await activeUser(db, 'ana@example.org', 'her own password');
    for (let i = 0; i < 11; i++) {
      await signIn(
        db,
        lifetimes,
        { email: 'ana@example.org', password: 'wrong guess', clientAddress: 'x' },
        now,
      ).catch(() => undefined);
    }
    await expect(
      signIn(
        db,
        lifetimes,
        { email: 'ana@example.org', password: 'her own password', clientAddress: 'y' },
        now,
      ),
    ).rejects.toThrow(/Too many/);
    await requestPasswordReset(db, SITE, 'ana@example.org', 'x', now);
    await mailer.received(1);
    await resetPassword(db, tokenOf(mailer.lastLink()), 'a fresh start', 'x', now + 1000);
    const signedIn = await signIn(
      db,
      lifetimes,
      { email: 'ana@example.org', password: 'a fresh start', clientAddress: 'y' },
      now + 2000,
    );
    expect(signedIn.user.email).toBe('ana@example.org');
  });

  test('counts only the failures since the latest successful sign-in', async () => {
    const db = await freshDatabase();
    await activeUser(db, 'ana@example.org', 'her own password');
    const attempt = (password: string, at: number) =>
      signIn(db, lifetimes, { email: 'ana@example.org', password, clientAddress: 'x' }, at);
    for (let i = 0; i < 9; i++) await attempt('wrong guess', now + i).catch(() => undefined);
    await attempt('her own password', now + 10);
    for (let i = 0; i < 9; i++) await attempt('wrong guess', now + 20 + i).catch(() => undefined);
    await expect(attempt('her own password', now + 30)).resolves.toBeDefined();
    for (let i = 0; i < 10; i++) await attempt('wrong guess', now + 40 + i).catch(() => undefined);
    await expect(attempt('her own password', now + 60)).rejects.toThrow(/Too many/);
  });

  test('throttles a client address that a forged X-Forwarded-For cannot reset', async () => {
    const db = await freshDatabase();
    const behindOneProxy = (forged: string) =>
      clientAddress('10.0.0.1', `${forged}, 198.51.100.7`, 1);
    let allowed = 0;
    for (let i = 0; i < 40; i++) {
      if (await allowFromAddress(db, behindOneProxy(`203.0.113.${i}`), now)) allowed++;
    }
    expect(allowed).toBe(30);
    expect(await allowFromAddress(db, behindOneProxy('192.0.2.99'), now)).toBe(false);
    expect(await allowFromAddress(db, '198.51.100.8', now)).toBe(true);
  });

  test('throttles wrong current passwords on the account page like sign-in failures, and audits them', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org', 'her own password');
    for (let i = 0; i < 10; i++) {
      await expect(
        changePassword(db, ana.id, `guess ${i} wrong`, 'a new password here', 'x', now),
      ).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    }
    await expect(
      changePassword(db, ana.id, 'her own password', 'a new password here', 'x', now),
    ).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
    const failures = (await db.select().from(auditLog)).filter(
      (entry) => entry.action === 'password-change-failed',
    );
    expect(failures).toHaveLength(10);
  });

  test('lets a room of colleagues behind one address all sign in: only failures drain its bucket', async () => {
    const db = await freshDatabase();
    await activeUser(db, 'ana@example.org', 'her own password');
    for (let i = 0; i < 40; i++) {
      await signIn(
        db,
        lifetimes,
        { email: 'ana@example.org', password: 'her own password', clientAddress: '192.0.2.1' },
        now,
      );
    }
    expect(await addressHasTokens(db, '192.0.2.1', now)).toBe(true);
  });

  test('never stores or audits the password', async () => {
    const db = await freshDatabase();
    await activeUser(db, 'ana@example.org', 'her own password');
    await signIn(
      db,
      lifetimes,
      { email: 'ana@example.org', password: 'a mistyped secret', clientAddress: 'x' },
      now,
    ).catch(() => undefined);
    await signIn(
      db,
      lifetimes,
      { email: 'ana@example.org', password: 'her own password', clientAddress: 'x' },
      now,
    );
    const stored = await everyStoredValue(db);
    expect(stored).not.toContain('a mistyped secret');
    expect(stored).not.toContain('her own password');
  });
});
