import { describe, expect, test } from 'vitest';
import { moduleProgress } from '../../db/schema.ts';
import { readCurriculumFiles } from '../../src/curriculum/files.ts';
import { COUNTS_FRESH_MS, countCohort, recentCohortCounts } from '../../src/server/cohort.ts';
import { writeTransaction, type Database } from '../../src/server/db.ts';
import { addMember, findMembership, withdrawMember } from '../../src/server/memberships.ts';
import { chooseTracks, readTrainingOverview } from '../../src/server/progress.ts';
import { WHOLE_ROSTER } from '../../src/lib/roster-view.ts';
import { listRoster, TRAINING_FRESH_MS } from '../../src/server/roster.ts';
import { closeWave } from '../../src/server/waves.ts';
import { freshDatabase } from './fresh-database.ts';
import { activeMember, programmeSender, wave } from './wave-fixtures.ts';

const curriculum = readCurriculumFiles();
const required = (track: 'mentor' | 'mentee') =>
  curriculum.tracks.find((t) => t.id === track)!.modules.filter((m) => m.required);

async function complete(db: Database, userId: string, moduleIds: string[], at: number) {
  await writeTransaction(db, (tx) =>
    tx.insert(moduleProgress).values(
      moduleIds.map((moduleId) => ({
        userId,
        moduleId,
        startedAt: new Date(at),
        completedAt: new Date(at),
      })),
    ),
  );
}

describe('a wave role decides the tracks a person follows', () => {
  test('a mentee follows the mentee track whatever they chose, a coach both, and after the wave their choice again', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const ana = await activeMember(db, created.id, sender, 'ana@example.org', 'mentee');
    const ben = await activeMember(db, created.id, sender, 'ben@example.org', 'coach');
    await chooseTracks(db, ana.id, 'mentor');
    const tracksOf = async (userId: string) =>
      (await readTrainingOverview(db, curriculum, userId)).tracks?.map((t) => t.track.id);
    expect(await tracksOf(ana.id)).toEqual(['mentee']);
    expect(await tracksOf(ben.id)).toEqual(['mentor', 'mentee']);
    expect((await readTrainingOverview(db, curriculum, ana.id)).waves).toEqual([
      { slug: 'wave-1', name: 'Wave 1', role: 'mentee' },
    ]);
    await closeWave(db, created.id, sender.actor);
    expect(await tracksOf(ana.id)).toEqual(['mentor']);
    expect(await tracksOf(ben.id)).toBeUndefined();
  });
});

describe('the roster', () => {
  test("shows each member's share of their track's required modules and when they last trained", async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const ana = await activeMember(db, created.id, sender, 'ana@example.org', 'mentor');
    const cy = await activeMember(db, created.id, sender, 'cy@example.org', 'coach');
    await addMember(
      db,
      created.id,
      { email: 'new@example.org', name: 'New', role: 'mentee' },
      sender,
    );
    const mentor = required('mentor').map((m) => m.moduleId);
    const mentee = required('mentee').map((m) => m.moduleId);
    await complete(db, ana.id, mentor.slice(0, 3), Date.UTC(2027, 2, 10));
    // Modules of the other track do not count towards a mentor's track.
    await complete(db, ana.id, mentee.slice(0, 2), Date.UTC(2027, 2, 12));
    await complete(db, cy.id, [mentor[0]!, mentee[0]!], Date.UTC(2027, 2, 11));
    const roster = await listRoster(db, created.id, curriculum);
    const byEmail = new Map(roster.members.map((member) => [member.email, member.training]));
    expect(byEmail.get('ana@example.org')).toEqual({
      completed: 3,
      required: mentor.length,
      lastActive: new Date(Date.UTC(2027, 2, 12)),
    });
    expect(byEmail.get('cy@example.org')).toMatchObject({
      completed: 2,
      required: mentor.length + mentee.length,
    });
    expect(byEmail.get('new@example.org')).toEqual({
      completed: 0,
      required: mentee.length,
      lastActive: null,
    });
  });
});

describe('the cohort chart', () => {
  test('counts completions per module and side, among members who can train', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const first = required('mentor')[0]!.moduleId;
    const mentors = [];
    for (const n of [1, 2, 3, 4, 5, 6])
      mentors.push(await activeMember(db, created.id, sender, `m${n}@example.org`, 'mentor'));
    for (const mentor of mentors.slice(0, 5)) await complete(db, mentor.id, [first], Date.now());
    // A withdrawn mentor's training no longer counts, nor does an invited mentee's absence.
    const gone = mentors[0]!;
    await withdrawMember(
      db,
      created.id,
      (await findMembership(db, created.id, gone.id))!.id,
      '',
      sender,
    );
    await addMember(
      db,
      created.id,
      { email: 'new@example.org', name: 'New', role: 'mentee' },
      sender,
    );
    const { inWave, sides } = await countCohort(db, created.id);
    expect(inWave).toEqual({ mentor: 5, mentee: 1, coach: 0 });
    expect(sides.mentor.members).toBe(5);
    expect(sides.mentor.completedByModule.get(first)).toBe(4);
    expect(sides.mentee).toEqual({ members: 0, completedByModule: new Map() });
  });
});

describe('the cohort page', () => {
  test("reuses a wave's counts for a minute, then reads them again", async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const now = Date.now();
    expect((await recentCohortCounts(db, created.id, now)).inWave.mentor).toBe(0);
    await activeMember(db, created.id, sender, 'ana@example.org', 'mentor');
    expect((await recentCohortCounts(db, created.id, now + 1000)).inWave.mentor).toBe(0);
    const later = now + COUNTS_FRESH_MS + 1;
    expect((await recentCohortCounts(db, created.id, later)).inWave.mentor).toBe(1);
  });
});

describe('the roster, read again', () => {
  test('reuses the training figures for a minute, but always shows who is in the wave now', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const ana = await activeMember(db, created.id, sender, 'ana@example.org', 'mentor');
    const now = Date.now();
    expect(
      (await listRoster(db, created.id, curriculum, WHOLE_ROSTER, now)).members[0]!.training
        .completed,
    ).toBe(0);
    await complete(db, ana.id, [required('mentor')[0]!.moduleId], now);
    await withdrawMember(
      db,
      created.id,
      (await findMembership(db, created.id, ana.id))!.id,
      '',
      sender,
    );
    const soon = await listRoster(db, created.id, curriculum, WHOLE_ROSTER, now + 1000);
    expect(soon.members[0]).toMatchObject({ status: 'withdrawn', training: { completed: 0 } });
    const later = await listRoster(
      db,
      created.id,
      curriculum,
      WHOLE_ROSTER,
      now + TRAINING_FRESH_MS + 1,
    );
    expect(later.members[0]!.training.completed).toBe(1);
  });
});
