/**
 * Throttling under concurrency: each limit is charged before the password is checked, so a burst
 * fired all at once gets no further than the same requests sent one after another.
 */
import { describe, expect, test } from 'vitest';
import { auditLog } from '../../db/schema.ts';
import { HOUR } from '../../src/lib/session-policy.ts';
import { requestPasswordReset } from '../../src/server/password-resets.ts';
import { signIn } from '../../src/server/sign-in.ts';
import { ADDRESS_RULE, MAX_FAILURES } from '../../src/server/throttle.ts';
import { freshDatabase } from './fresh-database.ts';
import { SITE, activeUser, lifetimes, mailbox } from './helpers.ts';

const now = Date.UTC(2026, 10, 6, 9, 0);
const office = '192.0.2.10';

/** How many of the settled calls ended with each refusal code (or 'signed in'). */
function tally(results: PromiseSettledResult<unknown>[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const result of results) {
    const key =
      result.status === 'fulfilled'
        ? 'signed in'
        : String((result.reason as { code?: string }).code);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe('throttling under concurrency', () => {
  test(
    'checks at most the address’s allowance of 500 wrong passwords fired at once from one address',
    { timeout: 180_000 },
    async () => {
      const db = await freshDatabase();
      await activeUser(db, 'ana@example.org', 'her own password');
      const burst = Array.from({ length: 500 }, (_, i) =>
        signIn(
          db,
          lifetimes,
          { email: `person${i}@example.org`, password: 'a wrong guess', clientAddress: office },
          now,
        ),
      );
      const counts = tally(await Promise.allSettled(burst));
      expect(counts).toEqual({
        UNAUTHORIZED: ADDRESS_RULE.capacity,
        TOO_MANY_REQUESTS: 500 - ADDRESS_RULE.capacity,
      });
      const failures = (await db.select().from(auditLog)).filter(
        (entry) => entry.action === 'sign-in-failed',
      );
      expect(failures).toHaveLength(ADDRESS_RULE.capacity);
    },
  );

  test(
    'checks at most the account’s allowance of 100 wrong passwords fired at once from many addresses',
    { timeout: 120_000 },
    async () => {
      const db = await freshDatabase();
      await activeUser(db, 'ana@example.org', 'her own password');
      const burst = Array.from({ length: 100 }, (_, i) =>
        signIn(
          db,
          lifetimes,
          { email: 'ana@example.org', password: `guess ${i}`, clientAddress: `198.51.100.${i}` },
          now,
        ),
      );
      expect(tally(await Promise.allSettled(burst))).toEqual({
        UNAUTHORIZED: MAX_FAILURES,
        TOO_MANY_REQUESTS: 100 - MAX_FAILURES,
      });
    },
  );

  test(
    'signs in a person from a busy shared address with the browser they signed in with before',
    { timeout: 180_000 },
    async () => {
      const db = await freshDatabase();
      await activeUser(db, 'ana@example.org', 'her own password');
      await activeUser(db, 'ben@example.org', 'his own password');
      const earlier = await signIn(
        db,
        lifetimes,
        { email: 'ana@example.org', password: 'her own password', clientAddress: office },
        now - HOUR,
      );
      const burst = Array.from({ length: 200 }, (_, i) =>
        signIn(
          db,
          lifetimes,
          { email: `person${i}@example.org`, password: 'a wrong guess', clientAddress: office },
          now,
        ),
      );
      expect(tally(await Promise.allSettled(burst)).TOO_MANY_REQUESTS).toBeGreaterThan(0);

      const ana = await signIn(
        db,
        lifetimes,
        {
          email: 'ana@example.org',
          password: 'her own password',
          clientAddress: office,
          deviceToken: earlier.device.token,
        },
        now + 1000,
      );
      expect(ana.user.email).toBe('ana@example.org');

      // A browser that never signed in here waits for the address's allowance to refill.
      await expect(
        signIn(
          db,
          lifetimes,
          { email: 'ben@example.org', password: 'his own password', clientAddress: office },
          now + 1000,
        ),
      ).rejects.toMatchObject({
        code: 'TOO_MANY_REQUESTS',
        message: expect.stringMatching(/browser you have signed in with before/),
      });
      // Ana's browser vouches for Ana, not for whoever types at it.
      await expect(
        signIn(
          db,
          lifetimes,
          {
            email: 'ben@example.org',
            password: 'his own password',
            clientAddress: office,
            deviceToken: earlier.device.token,
          },
          now + 1000,
        ),
      ).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    },
  );

  test('keeps the account lockout for a trusted browser', async () => {
    const db = await freshDatabase();
    await activeUser(db, 'ana@example.org', 'her own password');
    const { device } = await signIn(
      db,
      lifetimes,
      { email: 'ana@example.org', password: 'her own password', clientAddress: office },
      now,
    );
    const attempt = (password: string, at: number) =>
      signIn(
        db,
        lifetimes,
        { email: 'ana@example.org', password, clientAddress: office, deviceToken: device.token },
        at,
      );
    const burst = Array.from({ length: 30 }, (_, i) => attempt(`guess ${i}`, now + 1000));
    expect(tally(await Promise.allSettled(burst))).toEqual({
      UNAUTHORIZED: MAX_FAILURES,
      TOO_MANY_REQUESTS: 30 - MAX_FAILURES,
    });
    await expect(attempt('her own password', now + 2000)).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
    });
  });

  test('sends at most three reset emails an hour to one address, however many are asked for at once', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    await activeUser(db, 'ana@example.org');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        requestPasswordReset(db, SITE, 'ana@example.org', `203.0.113.${i}`, now),
      ),
    );
    await mailer.received(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailer.sent).toHaveLength(3);
    await requestPasswordReset(db, SITE, 'ana@example.org', 'x', now + HOUR + 1000);
    await mailer.received(4);
  });
});
