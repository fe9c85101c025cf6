import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, mailQueue, memberships, waveEvents } from '../../db/schema.ts';
import { postAnnouncement } from '../../src/server/announcements.ts';
import { addEvent, listEvents, removeEvent, updateEvent } from '../../src/server/wave-events.ts';
import { addMember } from '../../src/server/memberships.ts';
import { closeWave, createWave, listWaves, updateWave } from '../../src/server/waves.ts';
import { freshDatabase } from './fresh-database.ts';
import { activeMember, details, master, NOW, programmeSender, wave } from './wave-fixtures.ts';

const PAGES = new Set(['knowledge-sessions/joint-launch']);

describe('creating a wave', () => {
  test('lays out the master schedule from its start date and records who created it', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const events = await listEvents(db, created.id);
    expect(events.map((event) => [event.kind, event.startsAt, event.pageSlug])).toEqual([
      ['mentor-kick-off', '2027-03-02T10:00', 'knowledge-sessions/mentor-kick-off'],
      ['mentee-kick-off', '2027-03-04T10:00', 'knowledge-sessions/mentee-kick-off'],
      ['joint-launch', '2027-03-16T14:00', 'knowledge-sessions/joint-launch'],
      ['knowledge-session', '2027-04-28T14:00', 'knowledge-sessions/inclusion-and-allyship'],
      ['mid-point-review', '2027-05-26T14:00', 'knowledge-sessions/mid-programme-check-in'],
      ['closing', '2027-07-21T14:00', 'knowledge-sessions/joint-closing'],
    ]);
    expect(created.phase).toBe('planned');
    const [entry] = await db.select().from(auditLog).where(eq(auditLog.action, 'wave-created'));
    expect(entry).toMatchObject({ actorId: sender.actor.id, waveId: created.id });
  });

  test('leaves out master events after a short wave ends, and says which', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const { leftOut } = await createWave(
      db,
      details({ endsOn: '2027-05-01' }),
      master,
      sender.actor,
    );
    expect(leftOut).toEqual(['Mid-programme check-in', 'Joint closing session']);
  });

  test('refuses a slug already taken, a slug that is not URL-safe and dates out of order', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    await wave(db, sender);
    await expect(createWave(db, details({ name: 'Other' }), master, sender.actor)).rejects.toThrow(
      'The address name wave-1 is already used by Wave 1. Choose another.',
    );
    await expect(
      createWave(db, details({ slug: 'Wave 2!' }), master, sender.actor),
    ).rejects.toThrow(/lower-case letters, digits and single hyphens/);
    await expect(
      createWave(db, details({ slug: 'w2', startsOn: '2027-09-01' }), master, sender.actor),
    ).rejects.toThrow('The end date must come after the start date.');
    await expect(
      createWave(db, details({ slug: 'w2', timeZone: 'Mars/Olympus' }), master, sender.actor),
    ).rejects.toThrow(/time zone/);
    expect(await listWaves(db)).toHaveLength(1);
  });
});

describe('changing a wave', () => {
  test('refuses new dates that would leave events outside, naming them', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    await expect(
      updateWave(
        db,
        created.id,
        { ...details({ endsOn: '2027-06-30' }), phase: 'active' },
        sender.actor,
      ),
    ).rejects.toThrow(/Joint closing session \(21 July 2027\)/);
    const moved = await updateWave(
      db,
      created.id,
      { ...details({ name: 'Wave one', endsOn: '2027-09-30' }), phase: 'active' },
      sender.actor,
    );
    expect(moved).toMatchObject({ name: 'Wave one', phase: 'active', endsOn: '2027-09-30' });
  });

  test('closing completes the active memberships, keeps withdrawals and makes the wave read-only', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    await activeMember(db, created.id, sender, 'ana@example.org', 'mentor');
    await addMember(
      db,
      created.id,
      { email: 'new@example.org', name: 'New', role: 'mentee' },
      sender,
    );
    const { completed } = await closeWave(db, created.id, sender.actor, NOW);
    expect(completed).toBe(1);
    const statuses = (await db.select().from(memberships)).map((m) => m.status).sort();
    expect(statuses).toEqual(['completed', 'invited']);
    const closed = /is closed: it stays as a record and can no longer be changed/;
    await expect(
      updateWave(db, created.id, { ...details(), phase: 'active' }, sender.actor),
    ).rejects.toThrow(closed);
    await expect(
      postAnnouncement(db, created.id, { title: 'Hi', body: 'Hello' }, sender.actor),
    ).rejects.toThrow(closed);
    await expect(
      addMember(
        db,
        created.id,
        { email: 'late@example.org', name: 'Late', role: 'mentor' },
        sender,
      ),
    ).rejects.toThrow(closed);
  });

  test('counts members by role, leaving withdrawals apart', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    await activeMember(db, created.id, sender, 'a@example.org', 'mentor');
    await activeMember(db, created.id, sender, 'b@example.org', 'mentor');
    await activeMember(db, created.id, sender, 'c@example.org', 'coach');
    await db.update(memberships).set({ status: 'withdrawn' }).where(eq(memberships.role, 'coach'));
    const [summary] = await listWaves(db);
    expect(summary).toMatchObject({ members: { mentor: 2, mentee: 0, coach: 0 }, withdrawn: 1 });
  });
});

describe('the schedule', () => {
  const event = {
    kind: 'joint-launch' as const,
    title: 'Launch',
    startsAt: '2027-03-20T10:00',
    durationMinutes: 90,
    place: 'https://meet.example.org/launch',
    pageSlug: 'knowledge-sessions/joint-launch',
  };

  test('adds, changes (counting the change for calendars) and removes events', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const added = await addEvent(db, created.id, event, PAGES, sender.actor);
    const changed = await updateEvent(
      db,
      created.id,
      added.id,
      { ...event, startsAt: '2027-03-21T11:30' },
      PAGES,
      sender.actor,
    );
    expect(changed).toMatchObject({ startsAt: '2027-03-21T11:30', sequence: 1 });
    await removeEvent(db, created.id, added.id, sender.actor);
    expect(await db.select().from(waveEvents).where(eq(waveEvents.id, added.id))).toEqual([]);
    const actions = (await db.select().from(auditLog)).map((entry) => entry.action);
    expect(actions).toEqual(
      expect.arrayContaining(['event-added', 'event-changed', 'event-removed']),
    );
  });

  test('refuses an event outside the wave, a page that is not a knowledge session and a bad link', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    await expect(
      addEvent(db, created.id, { ...event, startsAt: '2027-09-01T10:00' }, PAGES, sender.actor),
    ).rejects.toThrow(/must fall within the wave, between 1 March 2027 and 27 August 2027/);
    await expect(
      addEvent(db, created.id, { ...event, pageSlug: 'guidance/evaluation' }, PAGES, sender.actor),
    ).rejects.toThrow(/knowledge-session page/);
    await expect(
      addEvent(db, created.id, { ...event, place: 'javascript:alert(1)' }, PAGES, sender.actor),
    ).rejects.toThrow(/https:\/\//);
    await expect(
      addEvent(db, created.id, { ...event, startsAt: '2027-02-30T10:00' }, PAGES, sender.actor),
    ).rejects.toThrow(/date and time/);
    expect(await listEvents(db, created.id)).toHaveLength(master.length);
  });
});

describe('mail a wave sends', () => {
  test('queues inside the change: a failed change queues nothing', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    await addMember(
      db,
      created.id,
      { email: 'ana@example.org', name: 'Ana', role: 'mentor' },
      sender,
    );
    await expect(
      addMember(db, created.id, { email: 'ana@example.org', name: 'Ana', role: 'mentee' }, sender),
    ).rejects.toThrow('ana@example.org is already in Wave 1.');
    expect(await db.select().from(mailQueue)).toHaveLength(1);
  });
});
