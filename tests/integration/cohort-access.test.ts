import { describe, expect, test } from 'vitest';
import { calendarFor, cohortFor } from '../../src/server/access.ts';
import { calendarTokenOf, renewCalendarToken } from '../../src/server/calendar-feeds.ts';
import { addMember, findMembership, withdrawMember } from '../../src/server/memberships.ts';
import { setDisabled } from '../../src/server/people.ts';
import type { SessionUser } from '../../src/server/sessions.ts';
import { freshDatabase } from './fresh-database.ts';
import { activeUser } from './helpers.ts';
import { activeMember, programmeSender, wave } from './wave-fixtures.ts';

const asViewer = (user: { id: string; email: string; name: string; role: SessionUser['role'] }) =>
  ({ id: user.id, email: user.email, name: user.name, role: user.role }) satisfies SessionUser;

async function twoWaves() {
  const db = await freshDatabase();
  const sender = await programmeSender(db);
  const a = await wave(db, sender, { name: 'Wave A', slug: 'wave-a' });
  const b = await wave(db, sender, { name: 'Wave B', slug: 'wave-b' });
  const mentor = await activeMember(db, a.id, sender, 'mentor@example.org', 'mentor');
  const coach = await activeMember(db, a.id, sender, 'coach@example.org', 'coach');
  const withdrawn = await activeMember(db, a.id, sender, 'gone@example.org', 'mentee');
  await withdrawMember(db, a.id, (await findMembership(db, a.id, withdrawn.id))!.id, '', sender);
  const other = await activeMember(db, b.id, sender, 'other@example.org', 'mentee');
  const stranger = await activeUser(db, 'stranger@example.org');
  const pat = {
    id: sender.actor.id,
    email: 'pat@example.org',
    name: 'Pat',
    role: 'programme' as const,
  };
  return { db, sender, a, b, mentor, coach, withdrawn, other, stranger, pat };
}

describe('who sees a cohort page', () => {
  test('its members and the programme team; a withdrawn member, another wave and a stranger see nothing', async () => {
    const { db, mentor, coach, withdrawn, other, stranger, pat } = await twoWaves();
    const sees = async (user: Parameters<typeof asViewer>[0]) =>
      (await cohortFor(db, 'wave-a', asViewer(user)))?.wave.slug;
    expect(await sees(mentor)).toBe('wave-a');
    expect(await sees(coach)).toBe('wave-a');
    expect(await sees(pat)).toBe('wave-a');
    expect(await sees(withdrawn)).toBeUndefined();
    expect(await sees(other)).toBeUndefined();
    expect(await sees(stranger)).toBeUndefined();
    expect(await cohortFor(db, 'wave-a', undefined)).toBeUndefined();
    expect(await cohortFor(db, 'no-such-wave', asViewer(pat))).toBeUndefined();
  });

  test('an invited member who has not accepted yet is a member', async () => {
    const { db, sender, a } = await twoWaves();
    await addMember(db, a.id, { email: 'new@example.org', name: 'New', role: 'mentor' }, sender);
    const [newcomer] = await db.query.users.findMany({
      where: (users, { eq }) => eq(users.email, 'new@example.org'),
    });
    expect(await cohortFor(db, 'wave-a', asViewer(newcomer!))).toBeDefined();
  });
});

describe('calendar links', () => {
  test('open the calendar of the waves their owner belongs to, and no other', async () => {
    const { db, mentor, withdrawn, other, pat } = await twoWaves();
    const key = await calendarTokenOf(db, mentor.id);
    expect(await calendarTokenOf(db, mentor.id)).toBe(key);
    expect((await calendarFor(db, 'wave-a', key))?.slug).toBe('wave-a');
    expect(await calendarFor(db, 'wave-b', key)).toBeUndefined();
    expect(
      await calendarFor(db, 'wave-a', await calendarTokenOf(db, withdrawn.id)),
    ).toBeUndefined();
    expect(await calendarFor(db, 'wave-a', await calendarTokenOf(db, other.id))).toBeUndefined();
    expect((await calendarFor(db, 'wave-b', await calendarTokenOf(db, pat.id)))?.slug).toBe(
      'wave-b',
    );
    for (const bad of [null, '', 'x', key.toUpperCase(), `${key}a`])
      expect(await calendarFor(db, 'wave-a', bad)).toBeUndefined();
  });

  test('stop working when renewed, and when the account is disabled', async () => {
    const { db, sender, mentor } = await twoWaves();
    const old = await calendarTokenOf(db, mentor.id);
    const renewed = await renewCalendarToken(db, mentor.id, '127.0.0.1');
    expect(renewed).not.toBe(old);
    expect(await calendarFor(db, 'wave-a', old)).toBeUndefined();
    expect(await calendarFor(db, 'wave-a', renewed)).toBeDefined();
    await setDisabled(db, mentor.id, true, { actorId: sender.actor.id, clientAddress: '1' });
    expect(await calendarFor(db, 'wave-a', renewed)).toBeUndefined();
  });
});
