import { describe, expect, test } from 'vitest';
import { authAttempts, rateLimits, trustedDevices } from '../../db/schema.ts';
import { writeTransaction } from '../../src/server/db.ts';
import { DEVICE_LIFETIME_MS, trustDevice } from '../../src/server/trusted-devices.ts';
import { DAY } from '../../src/lib/session-policy.ts';
import { pruneExpiredRecords } from '../../src/server/housekeeping.ts';
import { inspectInvitation, inviteUser } from '../../src/server/invitations.ts';
import { createSession, validateSessionToken } from '../../src/server/sessions.ts';
import { signIn } from '../../src/server/sign-in.ts';
import { freshDatabase } from './fresh-database.ts';
import { SITE, activeUser, lifetimes, tokenOf } from './helpers.ts';

const start = Date.UTC(2026, 10, 6, 9, 0);

describe('housekeeping', () => {
  test('removes expired sessions, old links, attempts, trusted browsers and buckets, and keeps what is still live', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org', 'her own password');
    const old = await createSession(db, ana, lifetimes, start);
    const { link: oldLink } = await inviteUser(
      db,
      SITE,
      { email: 'ben@example.org', name: 'Ben' },
      start,
    );
    await signIn(
      db,
      lifetimes,
      { email: 'ana@example.org', password: 'wrong guess', clientAddress: 'x' },
      start,
    ).catch(() => undefined);

    const later = start + 40 * DAY;
    const fresh = await createSession(db, ana, lifetimes, later);
    const { link: newLink } = await inviteUser(
      db,
      SITE,
      { email: 'cara@example.org', name: 'Cara' },
      later,
    );

    await writeTransaction(db, (tx) =>
      trustDevice(tx, ana.id, undefined, later - DEVICE_LIFETIME_MS),
    );
    const liveDevice = await writeTransaction(db, (tx) =>
      trustDevice(tx, ana.id, undefined, later),
    );

    const removed = await pruneExpiredRecords(db, later + 1000);
    expect(removed).toEqual({
      sessions: 1,
      invitations: 1,
      passwordResets: 0,
      authAttempts: 1,
      trustedDevices: 1,
      rateLimits: 1,
    });
    expect((await db.select().from(trustedDevices)).map((row) => row.id)).toEqual([
      liveDevice.token.split('.')[0],
    ]);
    expect(await validateSessionToken(db, old.token, lifetimes, later + 1000)).toBeUndefined();
    expect(await validateSessionToken(db, fresh.token, lifetimes, later + 1000)).toBeDefined();
    expect(await inspectInvitation(db, tokenOf(oldLink), later)).toEqual({
      usable: false,
      reason: 'unknown',
    });
    expect((await inspectInvitation(db, tokenOf(newLink), later + 1000)).usable).toBe(true);
    expect(await db.select().from(authAttempts)).toEqual([]);
    expect(await db.select().from(rateLimits)).toEqual([]);
  });
});
