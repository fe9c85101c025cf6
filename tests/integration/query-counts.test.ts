/**
 * The cohort page and the console roster read the database a fixed number of times, however many
 * members the wave has: counted through drizzle's logger, for a wave of 5 and a wave of 300.
 */
import { drizzle } from 'drizzle-orm/libsql';
import { describe, expect, test } from 'vitest';
import * as schema from '../../db/schema.ts';
import { cohortFor } from '../../src/server/access.ts';
import { COUNTS_FRESH_MS, loadCohortPage } from '../../src/server/cohort.ts';
import type { Database } from '../../src/server/db.ts';
import { importRoster } from '../../src/server/roster-import.ts';
import { ROSTER_PAGE_SIZE } from '../../src/lib/roster-view.ts';
import { listRoster } from '../../src/server/roster.ts';
import { listWaves } from '../../src/server/waves.ts';
import { readCurriculumFiles } from '../../src/curriculum/files.ts';
import { freshDatabase } from './fresh-database.ts';
import { programmeSender, wave } from './wave-fixtures.ts';

const curriculum = readCurriculumFiles();

/**
 * The same database, through a client that counts every statement it runs: one per `execute`, and
 * each statement of a `batch` (which drizzle's logger does not see).
 */
function counting(db: Database) {
  const counter = { queries: 0 };
  const client = new Proxy(db.$client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (property === 'execute')
        return (...args: unknown[]) => {
          counter.queries += 1;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      if (property === 'batch')
        return (statements: unknown[], ...rest: unknown[]) => {
          counter.queries += statements.length;
          return (value as (...a: unknown[]) => unknown).apply(target, [statements, ...rest]);
        };
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  const counted = drizzle(client, { schema }) as Database;
  return { counted, counter };
}

async function waveOf(members: number) {
  const db = await freshDatabase();
  const sender = await programmeSender(db);
  const created = await wave(db, sender);
  const rows = Array.from(
    { length: members },
    (_, i) => `person${i}@example.org,Person ${i},${['mentor', 'mentee', 'coach'][i % 3]}`,
  );
  await importRoster(db, created.id, `email,name,role\n${rows.join('\n')}\n`, sender);
  // Everyone has begun their training, so the progress reads have rows to count.
  await db.update(schema.memberships).set({ status: 'active' });
  const people = await db.select({ id: schema.users.id }).from(schema.users);
  await db.insert(schema.moduleProgress).values(
    people.flatMap(({ id }) =>
      ['mentor-flipping-the-power', 'mentee-flipping-the-power'].map((moduleId) => ({
        userId: id,
        moduleId,
        startedAt: new Date(),
        completedAt: new Date(),
      })),
    ),
  );
  return { db, sender, created };
}

/** How many statements each page's data takes, for a wave with this many members. */
async function queriesFor(members: number) {
  const { db, sender, created } = await waveOf(members);
  const { counted, counter } = counting(db);
  const viewer = {
    id: sender.actor.id,
    email: 'pat@example.org',
    name: 'Pat',
    role: 'programme' as const,
  };
  await loadCohortPage(counted, created, viewer.id); // creates the calendar link once
  const result: Record<string, number> = {};
  counter.queries = 0;
  const cohort = await cohortFor(counted, created.slug, viewer);
  // A minute later, so the cohort's counts are read again rather than reused.
  await loadCohortPage(counted, cohort!.wave, viewer.id, Date.now() + COUNTS_FRESH_MS + 1);
  result.cohortPage = counter.queries;
  counter.queries = 0;
  expect((await listRoster(counted, created.id, curriculum)).members).toHaveLength(
    Math.min(members, ROSTER_PAGE_SIZE),
  );
  result.roster = counter.queries;
  counter.queries = 0;
  await listWaves(counted);
  result.waves = counter.queries;
  return result;
}

describe('database queries per page', () => {
  test('do not grow with the number of members', async () => {
    const few = await queriesFor(5);
    const many = await queriesFor(300);
    expect(many).toEqual(few);
    expect(few).toEqual({ cohortPage: 6, roster: 4, waves: 2 });
  });
});
