import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { users } from '../../db/schema.ts';
import { writeTransaction } from '../../src/server/db.ts';
import { HOUR } from '../../src/lib/session-policy.ts';
import {
  inspectPasswordReset,
  requestPasswordReset,
  resetPassword,
} from '../../src/server/password-resets.ts';
import { verifyPassword } from '../../src/server/passwords.ts';
import { createSession, validateSessionToken } from '../../src/server/sessions.ts';
import { findUserByEmail } from '../../src/server/users.ts';
import { freshDatabase } from './fresh-database.ts';
import { SITE, activeUser, lifetimes, mailbox, tokenOf } from './helpers.ts';

const now = Date.UTC(2026, 10, 4, 10, 0);

describe('password resets', () => {
  test('answer a known and an unknown address alike, and send only to the known one', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    await activeUser(db, 'ana@example.org');
    const unknown = await requestPasswordReset(db, SITE, 'nobody@example.org', 'x', now);
    const known = await requestPasswordReset(db, SITE, 'ana@example.org', 'x', now);
    expect(known).toEqual(unknown);
    expect(mailer.sent).toEqual([]);
    await mailer.received(1);
    expect(mailer.sent.map((message) => message.to)).toEqual(['ana@example.org']);
  });

  test('send nothing to a disabled account', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    const ana = await activeUser(db, 'ana@example.org');
    await writeTransaction(db, (tx) =>
      tx
        .update(users)
        .set({ disabledAt: new Date(now) })
        .where(eq(users.id, ana.id)),
    );
    await activeUser(db, 'ben@example.org');
    await requestPasswordReset(db, SITE, 'ana@example.org', 'x', now);
    await requestPasswordReset(db, SITE, 'ben@example.org', 'x', now);
    await mailer.received(1);
    expect(mailer.sent.map((message) => message.to)).toEqual(['ben@example.org']);
  });

  test('set a new password, spend the link and end every session', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    const ana = await activeUser(db, 'ana@example.org', 'the old password');
    const { token: session } = await createSession(db, ana, lifetimes, now);
    await requestPasswordReset(db, SITE, 'ANA@example.org', '127.0.0.1', now);
    await mailer.received(1);
    const token = tokenOf(mailer.lastLink());
    await resetPassword(db, token, 'a brand new password', '127.0.0.1', now + 1000);
    const after = await findUserByEmail(db, 'ana@example.org');
    expect(await verifyPassword(after!.passwordHash, 'a brand new password')).toBe(true);
    expect(await validateSessionToken(db, session, lifetimes, now + 2000)).toBeUndefined();
    await expect(
      resetPassword(db, token, 'yet another password', '127.0.0.1', now + 3000),
    ).rejects.toThrow(/already been used/);
  });

  test('expire after an hour and are superseded by a newer request', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    await activeUser(db, 'ana@example.org');
    await requestPasswordReset(db, SITE, 'ana@example.org', '127.0.0.1', now);
    await mailer.received(1);
    const first = tokenOf(mailer.lastLink());
    expect(await inspectPasswordReset(db, first, now + HOUR)).toEqual({
      usable: false,
      reason: 'expired',
    });
    await requestPasswordReset(db, SITE, 'ana@example.org', '127.0.0.1', now + 1000);
    await mailer.received(2);
    expect(await inspectPasswordReset(db, first, now + 2000)).toEqual({
      usable: false,
      reason: 'replaced',
    });
    expect((await inspectPasswordReset(db, tokenOf(mailer.lastLink()), now + 2000)).usable).toBe(
      true,
    );
  });
});
