import { inArray } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import * as schema from '../../db/schema.ts';
import { readCurriculumFiles } from '../../src/curriculum/files.ts';
import { ROSTER_PAGE_SIZE, WHOLE_ROSTER, type RosterView } from '../../src/lib/roster-view.ts';
import type { Database } from '../../src/server/db.ts';
import { importRoster } from '../../src/server/roster-import.ts';
import { listRoster } from '../../src/server/roster.ts';
import { freshDatabase } from './fresh-database.ts';
import { programmeSender, wave } from './wave-fixtures.ts';

const curriculum = readCurriculumFiles();
const ROLES = ['mentor', 'mentee', 'coach'] as const;

/** A wave of `members` people named `Person 000` onwards, in turn mentor, mentee and coach. */
async function waveOf(members: number) {
  const db = await freshDatabase();
  const sender = await programmeSender(db);
  const created = await wave(db, sender);
  const rows = Array.from({ length: members }, (_, i) => {
    const n = String(i).padStart(3, '0');
    return `person${n}@example.org,Person ${n},${ROLES[i % 3]}`;
  });
  await importRoster(db, created.id, `email,name,role\n${rows.join('\n')}\n`, sender);
  return { db, waveId: created.id, sender };
}

const view = (changes: Partial<RosterView>): RosterView => ({ ...WHOLE_ROSTER, ...changes });
const names = async (db: Database, waveId: string, shown: RosterView) =>
  (await listRoster(db, waveId, curriculum, shown)).members.map((member) => member.name);

describe('the console roster', () => {
  test('shows a page of members at a time by name, and the last page for one past the end', async () => {
    const { db, waveId } = await waveOf(120);
    const first = await listRoster(db, waveId, curriculum);
    expect(first).toMatchObject({ matching: 120, inWave: 120, page: 1, pages: 3 });
    expect(first.members).toHaveLength(ROSTER_PAGE_SIZE);
    expect(first.members[0]!.name).toBe('Person 000');
    expect(await names(db, waveId, view({ page: 2 }))).toContain('Person 050');
    const past = await listRoster(db, waveId, curriculum, view({ page: 9 }));
    expect(past).toMatchObject({ page: 3, pages: 3 });
    expect(past.members.map((member) => member.name)).toEqual(
      Array.from({ length: 20 }, (_, i) => `Person ${100 + i}`),
    );
  });

  test('finds members by role, by status, and by part of a name or email in any case', async () => {
    const { db, waveId } = await waveOf(30);
    const leavers = db
      .select({ id: schema.users.id })
      .from(schema.users)
      .where(inArray(schema.users.email, ['person003@example.org', 'person004@example.org']));
    await db
      .update(schema.memberships)
      .set({ status: 'withdrawn', withdrawnAt: new Date() })
      .where(inArray(schema.memberships.userId, leavers));
    expect(await names(db, waveId, view({ status: 'withdrawn' }))).toEqual([
      'Person 003',
      'Person 004',
    ]);
    expect(await listRoster(db, waveId, curriculum, view({ status: 'invited' }))).toMatchObject({
      matching: 28,
      inWave: 30,
    });
    const coaches = await listRoster(db, waveId, curriculum, view({ role: 'coach' }));
    expect(coaches).toMatchObject({ matching: 10, inWave: 30 });
    expect(new Set(coaches.members.map((member) => member.role))).toEqual(new Set(['coach']));

    expect(await names(db, waveId, view({ search: 'PERSON 01' }))).toEqual(
      Array.from({ length: 10 }, (_, i) => `Person 01${i}`),
    );
    expect(await names(db, waveId, view({ search: 'person029@' }))).toEqual(['Person 029']);
    expect(await names(db, waveId, view({ search: 'person 01', role: 'mentee' }))).toEqual([
      'Person 010',
      'Person 013',
      'Person 016',
      'Person 019',
    ]);
  });

  test('takes %, _ and \\ in a search literally', async () => {
    const { db, waveId, sender } = await waveOf(12);
    const odd =
      'email,name,role\nana@example.org,Ana Back\\Slash,mentor\nben@example.org,Ben 100% Sure,mentee\ncy@example.org,Cy Under_Score,coach\n';
    await importRoster(db, waveId, odd, sender);
    for (const [search, found] of [
      ['%', ['Ben 100% Sure']],
      ['_', ['Cy Under_Score']],
      ['\\', ['Ana Back\\Slash']],
      ['Person_00', []],
    ] as const) {
      expect(await names(db, waveId, view({ search })), search).toEqual(found);
    }
  });
});
