import { describe, expect, test } from 'vitest';
import { DAY } from '../../src/lib/session-policy.ts';
import {
  AlreadyInvited,
  acceptInvitation,
  inspectInvitation,
  inviteUser,
  resendInvitation,
} from '../../src/server/invitations.ts';
import { INVITATION_LIFETIME_MS } from '../../src/lib/link-lifetimes.ts';
import { verifyPassword } from '../../src/server/passwords.ts';
import { findUserByEmail } from '../../src/server/users.ts';
import { freshDatabase } from './fresh-database.ts';
import { SITE, activeUser, everyStoredValue, mailbox, tokenOf } from './helpers.ts';

const now = Date.UTC(2026, 10, 3, 10, 0);

describe('invitations', () => {
  test('create an account without a password and email a link to the person', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    const { user, link } = await inviteUser(
      db,
      SITE,
      { email: ' Ben@Example.org ', name: 'Ben' },
      now,
    );
    expect(user).toMatchObject({
      email: 'ben@example.org',
      passwordHash: null,
      role: 'participant',
    });
    await mailer.received(1);
    expect(mailer.sent).toEqual([expect.objectContaining({ to: 'ben@example.org', link })]);
    expect(link).toMatch(new RegExp(`^${SITE}/invite/[a-z2-7]{16}\\.[a-z2-7]{32}$`));
    expect(await everyStoredValue(db)).not.toContain(tokenOf(link).split('.')[1]);
  });

  test('are not spent by looking at them, only by setting the password', async () => {
    const db = await freshDatabase();
    const { link } = await inviteUser(db, SITE, { email: 'ben@example.org', name: 'Ben' }, now);
    const token = tokenOf(link);
    expect((await inspectInvitation(db, token, now)).usable).toBe(true);
    expect((await inspectInvitation(db, token, now)).usable).toBe(true);
    const ben = await acceptInvitation(
      db,
      token,
      { name: 'Ben Okafor', password: 'tea with two sugars' },
      '127.0.0.1',
      now,
    );
    expect(ben.name).toBe('Ben Okafor');
    expect(await verifyPassword(ben.passwordHash, 'tea with two sugars')).toBe(true);
    expect(await inspectInvitation(db, token, now)).toEqual({ usable: false, reason: 'used' });
    await expect(
      acceptInvitation(
        db,
        token,
        { name: 'Ben', password: 'another password here' },
        '127.0.0.1',
        now,
      ),
    ).rejects.toThrow(/already been used/);
  });

  test('expire after 14 days', async () => {
    const db = await freshDatabase();
    const { link } = await inviteUser(db, SITE, { email: 'ben@example.org', name: 'Ben' }, now);
    expect((await inspectInvitation(db, tokenOf(link), now + 14 * DAY - 1)).usable).toBe(true);
    await expect(
      acceptInvitation(
        db,
        tokenOf(link),
        { name: 'Ben', password: 'tea with two sugars' },
        '127.0.0.1',
        now + 14 * DAY,
      ),
    ).rejects.toThrow(/expired/);
    expect((await findUserByEmail(db, 'ben@example.org'))?.passwordHash).toBeNull();
  });

  test('are superseded by one sent again', async () => {
    const db = await freshDatabase();
    const first = await inviteUser(db, SITE, { email: 'ben@example.org', name: 'Ben' }, now);
    const second = await resendInvitation(db, SITE, first.user.id, {}, now + 1000);
    expect(await inspectInvitation(db, tokenOf(first.link), now + 2000)).toEqual({
      usable: false,
      reason: 'replaced',
    });
    expect(await inspectInvitation(db, tokenOf(second.link), now + 2000)).toMatchObject({
      usable: true,
      user: { name: 'Ben' },
    });
  });

  test('refuse to invite someone whose invitation is waiting, renaming and revoking nothing', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    const first = await inviteUser(db, SITE, { email: 'ben@example.org', name: 'Ben' }, now);
    const again = inviteUser(db, SITE, { email: 'BEN@example.org', name: 'Benjamin' }, now + 1000);
    await expect(again).rejects.toBeInstanceOf(AlreadyInvited);
    await expect(again).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/Ben \(ben@example.org\) is already invited/),
      person: { id: first.user.id },
    });
    expect(await inspectInvitation(db, tokenOf(first.link), now + 2000)).toMatchObject({
      usable: true,
      user: { name: 'Ben' },
    });
    await mailer.received(1);
  });

  test('refuse two invitations sent at once for one person but the first', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    const results = await Promise.allSettled(
      ['Ben', 'Benjamin', 'B. Okafor'].map((name) =>
        inviteUser(db, SITE, { email: 'ben@example.org', name }, now),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    await mailer.received(1);
  });

  test('replace an expired invitation, under the name given now', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    const first = await inviteUser(db, SITE, { email: 'ben@example.org', name: 'Ben' }, now);
    const later = now + INVITATION_LIFETIME_MS + 1000;
    const second = await inviteUser(
      db,
      SITE,
      { email: 'ben@example.org', name: 'Ben Okafor' },
      later,
    );
    expect(second.user.id).toBe(first.user.id);
    expect(await inspectInvitation(db, tokenOf(second.link), later)).toMatchObject({
      usable: true,
      user: { name: 'Ben Okafor' },
    });
    await mailer.received(2);
    expect(mailer.sent.at(-1)?.text).toContain('Ben Okafor');
  });

  test('refuse a weak password and change nothing', async () => {
    const db = await freshDatabase();
    const { link } = await inviteUser(db, SITE, { email: 'ben@example.org', name: 'Ben' }, now);
    await expect(
      acceptInvitation(db, tokenOf(link), { name: 'Ben', password: 'password1' }, '127.0.0.1', now),
    ).rejects.toThrow(/most common/);
    expect((await inspectInvitation(db, tokenOf(link), now)).usable).toBe(true);
  });

  test('leave an existing account’s password alone', async () => {
    const db = await freshDatabase();
    const mailer = mailbox(db);
    const ana = await activeUser(db, 'ana@example.org', 'her own password');
    await expect(
      inviteUser(db, SITE, { email: 'ana@example.org', name: 'Someone Else' }, now),
    ).rejects.toThrow(/already has an account/);
    const after = await findUserByEmail(db, 'ana@example.org');
    expect(after?.passwordHash).toBe(ana.passwordHash);
    expect(after?.name).toBe(ana.name);
    await mailer.received(0);
  });
});
