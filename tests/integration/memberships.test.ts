import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, mailQueue, memberships, users } from '../../db/schema.ts';
import { cohortFor } from '../../src/server/access.ts';
import { acceptInvitation } from '../../src/server/invitations.ts';
import {
  addMember,
  changeMemberRole,
  findMembership,
  reinstateMember,
  resendMemberInvitation,
  withdrawMember,
} from '../../src/server/memberships.ts';
import { freshDatabase } from './fresh-database.ts';
import { activeUser, tokenOf } from './helpers.ts';
import { activeMember, NOW, programmeSender, wave } from './wave-fixtures.ts';

const viewer = (user: { id: string; email: string; name: string }) => ({
  ...user,
  role: 'participant' as const,
});

describe('adding a person to a wave', () => {
  test('creates an account with its profile and queues an invitation for someone new', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const { invited } = await addMember(
      db,
      created.id,
      { email: 'Ana@Example.org', name: 'Ana', role: 'mentor', team: 'Data', location: 'Leeds' },
      sender,
    );
    expect(invited).toBe(true);
    const [ana] = await db.select().from(users).where(eq(users.email, 'ana@example.org'));
    expect(ana).toMatchObject({ name: 'Ana', team: 'Data', location: 'Leeds', passwordHash: null });
    const [membership] = await db.select().from(memberships);
    expect(membership).toMatchObject({ userId: ana!.id, role: 'mentor', status: 'invited' });
    const [mail] = await db.select().from(mailQueue);
    expect(mail).toMatchObject({
      recipient: 'ana@example.org',
      kind: 'invitation',
      status: 'queued',
    });
    expect(mail!.link).toMatch(/\/invite\/[a-z2-7]+\.[a-z2-7]+$/);
  });

  test('reuses an existing account, makes it active at once and queues a note rather than an invitation', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    await activeUser(db, 'ben@example.org');
    const { invited } = await addMember(
      db,
      created.id,
      { email: 'ben@example.org', name: 'Someone else', role: 'mentee' },
      sender,
    );
    expect(invited).toBe(false);
    const [ben] = await db.select().from(users).where(eq(users.email, 'ben@example.org'));
    expect(ben!.name).toBe('ben');
    const [membership] = await db.select().from(memberships);
    expect(membership!.status).toBe('active');
    const [mail] = await db.select().from(mailQueue);
    expect(mail).toMatchObject({
      kind: 'wave-added',
      link: 'http://flipside.test/cohorts/wave-1/',
    });
  });

  test('accepting the invitation makes the invited membership active', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    await addMember(
      db,
      created.id,
      { email: 'ana@example.org', name: 'Ana', role: 'mentor' },
      sender,
    );
    const [mail] = await db.select().from(mailQueue);
    const ana = await acceptInvitation(
      db,
      tokenOf(mail!.link),
      { name: 'Ana', password: 'a long enough password' },
      '127.0.0.1',
    );
    expect((await findMembership(db, created.id, ana.id))!.status).toBe('active');
  });
});

describe('withdrawing and reinstating', () => {
  test('keeps the date and reason, emails a note without the reason, and closes the cohort page to them', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const ana = await activeMember(db, created.id, sender, 'ana@example.org', 'mentor');
    const membership = (await findMembership(db, created.id, ana.id))!;
    expect(await cohortFor(db, 'wave-1', viewer(ana))).toBeDefined();

    await withdrawMember(db, created.id, membership.id, 'Moved to another role', sender, NOW);
    expect(await findMembership(db, created.id, ana.id)).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: new Date(NOW),
      withdrawalReason: 'Moved to another role',
    });
    const notes = await db.select().from(mailQueue).where(eq(mailQueue.kind, 'wave-withdrawn'));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.text).not.toContain('Moved to another role');
    expect(await cohortFor(db, 'wave-1', viewer(ana))).toBeUndefined();
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'member-withdrawn'));
    expect(entry!.detail).not.toContain('Moved');

    await reinstateMember(db, created.id, membership.id, sender);
    expect(await findMembership(db, created.id, ana.id)).toMatchObject({
      status: 'active',
      withdrawnAt: null,
      withdrawalReason: null,
    });
    expect(await cohortFor(db, 'wave-1', viewer(ana))).toBeDefined();
  });

  test('refuses to withdraw twice or reinstate someone who was not withdrawn', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const ana = await activeMember(db, created.id, sender, 'ana@example.org', 'mentor');
    const membership = (await findMembership(db, created.id, ana.id))!;
    await expect(reinstateMember(db, created.id, membership.id, sender)).rejects.toThrow(
      'has not been withdrawn',
    );
    await withdrawMember(db, created.id, membership.id, '', sender);
    await expect(withdrawMember(db, created.id, membership.id, '', sender)).rejects.toThrow(
      'has already been withdrawn',
    );
  });

  test('a membership in another wave cannot be changed through this one', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const first = await wave(db, sender);
    const second = await wave(db, sender, { name: 'Wave 2', slug: 'wave-2' });
    const ana = await activeMember(db, first.id, sender, 'ana@example.org', 'mentor');
    const membership = (await findMembership(db, first.id, ana.id))!;
    await expect(withdrawMember(db, second.id, membership.id, '', sender)).rejects.toThrow(
      'no longer in this wave',
    );
  });
});

describe('resending an invitation and changing a role', () => {
  test('issues a new link that replaces the old, only for someone still invited', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    await addMember(
      db,
      created.id,
      { email: 'ana@example.org', name: 'Ana', role: 'mentor' },
      sender,
    );
    const [membership] = await db.select().from(memberships);
    await resendMemberInvitation(db, created.id, membership!.id, sender);
    const links = (await db.select().from(mailQueue)).map((mail) => mail.link);
    expect(links).toHaveLength(2);
    expect(links[0]).not.toBe(links[1]);
    await expect(
      acceptInvitation(
        db,
        tokenOf(links[0]!),
        { name: 'Ana', password: 'a long enough password' },
        '1',
      ),
    ).rejects.toThrow(/replaced/);
    const ben = await activeMember(db, created.id, sender, 'ben@example.org', 'mentee');
    const benMembership = (await findMembership(db, created.id, ben.id))!;
    await expect(resendMemberInvitation(db, created.id, benMembership.id, sender)).rejects.toThrow(
      'already accepted',
    );
  });

  test('changes a role and records from what to what', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const ana = await activeMember(db, created.id, sender, 'ana@example.org', 'mentor');
    const membership = (await findMembership(db, created.id, ana.id))!;
    expect(await changeMemberRole(db, created.id, membership.id, 'coach', sender)).toEqual({
      name: 'ana',
      changed: true,
    });
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'member-role-changed'));
    expect(JSON.parse(entry!.detail!)).toEqual({ from: 'reverse mentor', to: 'coach' });
  });
});
