import { count } from 'drizzle-orm';
import { describe, expect, test, vi } from 'vitest';
import { checkAnswers, moduleProgress, reflections } from '../../db/schema.ts';
import type { Database } from '../../src/server/db.ts';
import { UserFacingError } from '../../src/server/errors.ts';
import {
  chooseTracks,
  completeModule,
  listReflections,
  MAX_REFLECTION_LENGTH,
  readModuleWorkspace,
  readPageState,
  readTrainingOverview,
  recordAnswer,
  reopenModule,
  saveReflection,
  viewOf,
} from '../../src/server/progress.ts';
import {
  check,
  modulePage,
  PAGES,
  testCurriculum,
  TRACKS,
  withModules,
} from '../fixtures/curriculum.ts';
import { freshDatabase } from './fresh-database.ts';
import { activeUser } from './helpers.ts';

const curriculum = testCurriculum();
const moduleA = curriculum.modules.get('mentor-a')!;

async function rowCounts(db: Database) {
  const total = async (table: typeof moduleProgress | typeof checkAnswers | typeof reflections) =>
    ((await db.select({ n: count() }).from(table)) as [{ n: number }])[0].n;
  return {
    progress: await total(moduleProgress),
    answers: await total(checkAnswers),
    reflections: await total(reflections),
  };
}

/** The refusal a server function throws, with its code. */
async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UserFacingError))
    throw new Error(`Expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

describe('knowledge-check answers', () => {
  test('are kept as given, counted, and start the module', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const answer = { moduleId: 'mentor-a', checkId: 'a-q1' };
    await recordAnswer(db, curriculum, ana.id, { ...answer, option: 'Wrong a-q1' });
    const workspace = await recordAnswer(db, curriculum, ana.id, {
      ...answer,
      option: 'Right a-q1',
    });
    expect(workspace.status).toBe('in-progress');
    expect(workspace.grade.checks[0]).toMatchObject({
      option: 'Right a-q1',
      correct: true,
      attempts: 2,
    });
    const [row] = await db.select().from(checkAnswers);
    expect(row).toMatchObject({
      userId: ana.id,
      checkId: 'a-q1',
      moduleId: 'mentor-a',
      option: 'Right a-q1',
      optionsTried: ['Wrong a-q1', 'Right a-q1'],
      attempts: 2,
    });
  });

  test('refuse a module, a question or an option that does not exist, changing nothing', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const before = await rowCounts(db);
    expect(
      await refusal(
        recordAnswer(db, curriculum, ana.id, { moduleId: 'nope', checkId: 'a-q1', option: 'x' }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/Reload the page/) });
    expect(
      await refusal(
        recordAnswer(db, curriculum, ana.id, {
          moduleId: 'mentor-a',
          checkId: 'b-q1',
          option: 'Right b-q1',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refusal(
        recordAnswer(db, curriculum, ana.id, {
          moduleId: 'mentor-a',
          checkId: 'a-q1',
          option: 'Something else',
        }),
      ),
    ).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/not one of the options/),
    });
    expect(await rowCounts(db)).toEqual(before);
  });

  test('are graded against a corrected answer key when read, for everyone', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await recordAnswer(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      checkId: 'a-q1',
      option: 'Other a-q1',
    });
    expect((await readModuleWorkspace(db, ana.id, moduleA)).grade.checks[0]!.correct).toBe(false);

    const corrected = testCurriculum([
      modulePage('mentor-a', {
        checks: [check('a-q1', 'Other a-q1'), check('a-q2')],
        reflections: [],
      }),
      ...PAGES.slice(1),
    ]);
    const regraded = await readModuleWorkspace(db, ana.id, corrected.modules.get('mentor-a')!);
    expect(regraded.grade.checks[0]).toMatchObject({ correct: true, answeredCorrectly: true });
  });

  test('to a question that has been removed are kept but count for nothing', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await recordAnswer(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      checkId: 'a-q2',
      option: 'Right a-q2',
    });
    const trimmed = testCurriculum([
      modulePage('mentor-a', { checks: [check('a-q1')], reflections: [] }),
      ...PAGES.slice(1),
    ]);
    const workspace = await readModuleWorkspace(db, ana.id, trimmed.modules.get('mentor-a')!);
    expect(workspace.grade).toMatchObject({ correctCount: 0, passMark: 1, passed: false });
    expect(workspace.grade.checks.map((c) => c.checkId)).toEqual(['a-q1']);
    expect(await db.select().from(checkAnswers)).toHaveLength(1);
    expect(await refusal(completeModule(db, trimmed, ana.id, 'mentor-a'))).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('reflections', () => {
  test('are saved, replaced and deleted when emptied, and start the module', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const prompt = { moduleId: 'mentor-a', promptId: 'a-r1' };
    await saveReflection(db, curriculum, ana.id, { ...prompt, text: 'First thoughts' }, 1000);
    await saveReflection(db, curriculum, ana.id, { ...prompt, text: 'Second thoughts' }, 2000);
    const workspace = await readModuleWorkspace(db, ana.id, moduleA);
    expect(workspace.status).toBe('in-progress');
    expect(workspace.reflections).toEqual({ 'a-r1': { text: 'Second thoughts', updatedAt: 2000 } });
    await saveReflection(db, curriculum, ana.id, { ...prompt, text: '  \n' });
    expect((await readModuleWorkspace(db, ana.id, moduleA)).reflections).toEqual({});
  });

  test(`refuse one over ${MAX_REFLECTION_LENGTH} characters, or for a prompt the module does not have, keeping what was saved`, async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const prompt = { moduleId: 'mentor-a', promptId: 'a-r1' };
    await saveReflection(db, curriculum, ana.id, { ...prompt, text: 'Kept' });
    expect(
      await refusal(
        saveReflection(db, curriculum, ana.id, {
          ...prompt,
          text: 'x'.repeat(MAX_REFLECTION_LENGTH + 1),
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/at most 20,000/) });
    expect(
      await refusal(
        saveReflection(db, curriculum, ana.id, {
          moduleId: 'mentor-a',
          promptId: 'c-r1',
          text: 'x',
        }),
      ),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect((await readModuleWorkspace(db, ana.id, moduleA)).reflections['a-r1']?.text).toBe('Kept');
    expect((await rowCounts(db)).reflections).toBe(1);
  });

  test('are listed by module in track order, under their prompts, with removed prompts last', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await saveReflection(db, curriculum, ana.id, {
      moduleId: 'mentee-a',
      promptId: 'c-r1',
      text: 'C',
    });
    await saveReflection(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      promptId: 'a-r2',
      text: 'A2',
    });
    await saveReflection(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      promptId: 'a-r1',
      text: 'A1',
    });
    const withoutC = testCurriculum(
      [...PAGES.slice(0, 2), modulePage('mentee-a', { checks: [check('c-q1')] })],
      TRACKS,
    );
    const groups = await listReflections(db, withoutC, ana.id);
    expect(groups.map((g) => [g.moduleId, g.items.map((i) => [i.prompt ?? null, i.text])])).toEqual(
      [
        [
          'mentor-a',
          [
            ['What did you notice?', 'A1'],
            ['What will you try?', 'A2'],
          ],
        ],
        ['mentee-a', [[null, 'C']]],
      ],
    );
  });
});

describe('completing a module', () => {
  test('is refused until the knowledge check is passed, saying what is left', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await recordAnswer(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      checkId: 'a-q1',
      option: 'Right a-q1',
    });
    expect(await refusal(completeModule(db, curriculum, ana.id, 'mentor-a'))).toEqual({
      code: 'CONFLICT',
      message:
        'Answer every question of the knowledge check correctly to mark this module complete (1 of 2 so far).',
    });
    expect((await readModuleWorkspace(db, ana.id, moduleA)).status).toBe('in-progress');
  });

  test('follows a pass mark set in front matter', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const lenient = testCurriculum([
      modulePage('mentor-a', { checks: [check('a-q1'), check('a-q2')], passMark: 1 }),
      ...PAGES.slice(1),
    ]);
    await recordAnswer(db, lenient, ana.id, {
      moduleId: 'mentor-a',
      checkId: 'a-q2',
      option: 'Right a-q2',
    });
    expect((await completeModule(db, lenient, ana.id, 'mentor-a')).status).toBe('complete');
  });

  test('keeps the first completion date, and can be undone keeping answers and reflections', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    for (const checkId of ['a-q1', 'a-q2'])
      await recordAnswer(db, curriculum, ana.id, {
        moduleId: 'mentor-a',
        checkId,
        option: `Right ${checkId}`,
      });
    await saveReflection(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      promptId: 'a-r1',
      text: 'Mine',
    });
    await completeModule(db, curriculum, ana.id, 'mentor-a', 5000);
    await completeModule(db, curriculum, ana.id, 'mentor-a', 9000);
    const [row] = await db.select().from(moduleProgress);
    expect(row!.completedAt).toEqual(new Date(5000));
    expect((await readPageState(db, curriculum, ana.id)).completed).toEqual([
      '/modules/mentor/mentor-a/',
    ]);

    const reopened = await reopenModule(db, curriculum, ana.id, 'mentor-a');
    expect(reopened.status).toBe('in-progress');
    expect(reopened.grade.passed).toBe(true);
    expect(reopened.reflections['a-r1']?.text).toBe('Mine');
    expect((await readPageState(db, curriculum, ana.id)).completed).toEqual([]);
  });

  test('stays with a module that is renamed and moved, because progress is keyed by its id', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await recordAnswer(db, curriculum, ana.id, {
      moduleId: 'mentor-b',
      checkId: 'b-q1',
      option: 'Right b-q1',
    });
    await completeModule(db, curriculum, ana.id, 'mentor-b');
    const moved = testCurriculum([
      PAGES[0]!,
      { ...modulePage('mentor-b', { checks: [check('b-q1')] }), slug: 'modules/mentor/renamed' },
      PAGES[2]!,
    ]);
    expect((await readPageState(db, moved, ana.id)).completed).toEqual([
      '/modules/mentor/renamed/',
    ]);
  });
});

describe('My training', () => {
  test('asks for a choice of tracks until there is one, then shows those tracks’ progress', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const before = await readTrainingOverview(db, curriculum, ana.id);
    expect(before).toMatchObject({ choice: null, tracks: undefined, reflectionCount: 0 });

    await chooseTracks(db, ana.id, 'mentor');
    for (const checkId of ['a-q1', 'a-q2'])
      await recordAnswer(db, curriculum, ana.id, {
        moduleId: 'mentor-a',
        checkId,
        option: `Right ${checkId}`,
      });
    await completeModule(db, curriculum, ana.id, 'mentor-a');
    await saveReflection(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      promptId: 'a-r1',
      text: 'x',
    });
    const after = await readTrainingOverview(db, curriculum, ana.id);
    expect(after.tracks?.map((t) => [t.track.id, t.completed, t.required, t.minutesLeft])).toEqual([
      ['mentor', 1, 2, 45],
    ]);
    expect(after.tracks?.[0]?.next?.moduleId).toBe('mentor-b');
    expect(after.reflectionCount).toBe(1);

    await chooseTracks(db, ana.id, 'both');
    expect(
      (await readTrainingOverview(db, curriculum, ana.id)).tracks?.map((t) => t.track.id),
    ).toEqual(['mentor', 'mentee']);
  });

  test('reads the same number of times whatever the number of modules', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await chooseTracks(db, ana.id, 'both');
    async function roundTrips(modules: number) {
      const big = withModules(modules);
      for (const module of big.modules.values()) {
        if (!module.moduleId.startsWith('mentor-extra')) continue;
        await saveReflection(db, big, ana.id, {
          moduleId: module.moduleId,
          promptId: module.reflections[0]!.id,
          text: 'x',
        });
      }
      const execute = vi.spyOn(db.$client, 'execute');
      const batch = vi.spyOn(db.$client, 'batch');
      const overview = await readTrainingOverview(db, big, ana.id);
      const trips = execute.mock.calls.length + batch.mock.calls.length;
      execute.mockRestore();
      batch.mockRestore();
      expect(overview.allTracks[0]!.modules).toHaveLength(2 + modules);
      return trips;
    }
    const few = await roundTrips(0);
    expect(few).toBe(4);
    expect(await roundTrips(60)).toBe(few);
  });
});

describe('a static page’s personal state', () => {
  test('carries the sidebar’s marks and the module’s workspace, in three reads side by side', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await recordAnswer(db, curriculum, ana.id, {
      moduleId: 'mentor-b',
      checkId: 'b-q1',
      option: 'Right b-q1',
    });
    await completeModule(db, curriculum, ana.id, 'mentor-b');
    await saveReflection(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      promptId: 'a-r2',
      text: 'Noted',
    });
    const execute = vi.spyOn(db.$client, 'execute');
    const batch = vi.spyOn(db.$client, 'batch');
    const state = await readPageState(db, curriculum, ana.id, moduleA);
    expect(execute.mock.calls.length + batch.mock.calls.length).toBe(3);
    execute.mockRestore();
    batch.mockRestore();
    expect(state.completed).toEqual(['/modules/mentor/mentor-b/']);
    expect(state.workspace).toMatchObject({
      moduleId: 'mentor-a',
      status: 'in-progress',
      reflections: { 'a-r2': { text: 'Noted' } },
      grade: { correctCount: 0, passed: false },
    });
  });
});

describe('the browser’s view of a workspace', () => {
  test('names each answer by its option’s place now, or by its text once the option is gone', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await recordAnswer(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      checkId: 'a-q1',
      option: 'Other a-q1',
    });
    await recordAnswer(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      checkId: 'a-q2',
      option: 'Right a-q2',
    });
    await saveReflection(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      promptId: 'a-r1',
      text: 'Mine',
    });
    expect(viewOf(moduleA, await readModuleWorkspace(db, ana.id, moduleA))).toEqual({
      moduleId: 'mentor-a',
      status: 'in-progress',
      grade: { correctCount: 1, passMark: 2, total: 2, passed: false },
      answers: {
        'a-q1': { option: 2, correct: false },
        'a-q2': { option: 0, correct: true },
      },
      reflections: { 'a-r1': 'Mine' },
    });
    const reworded = testCurriculum([
      modulePage('mentor-a', {
        checks: [{ ...check('a-q1'), options: ['Right a-q1', 'Wrong a-q1'] }, check('a-q2')],
      }),
      ...PAGES.slice(1),
    ]).modules.get('mentor-a')!;
    const view = viewOf(reworded, await readModuleWorkspace(db, ana.id, reworded));
    expect(view.answers['a-q1']).toEqual({ option: -1, given: 'Other a-q1', correct: false });
  });
});

describe('privacy between people', () => {
  test('one person’s answers, reflections and completions never show in another’s reads', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const ben = await activeUser(db, 'ben@example.org');
    for (const checkId of ['a-q1', 'a-q2'])
      await recordAnswer(db, curriculum, ana.id, {
        moduleId: 'mentor-a',
        checkId,
        option: `Right ${checkId}`,
      });
    await saveReflection(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      promptId: 'a-r1',
      text: 'Ana only',
    });
    await completeModule(db, curriculum, ana.id, 'mentor-a');

    const bens = await readModuleWorkspace(db, ben.id, moduleA);
    expect(bens).toMatchObject({ status: 'not-started', reflections: {} });
    expect(bens.grade.checks.every((c) => c.option === undefined)).toBe(true);
    expect(await listReflections(db, curriculum, ben.id)).toEqual([]);
    expect(await readPageState(db, curriculum, ben.id, moduleA)).toMatchObject({
      completed: [],
      workspace: { status: 'not-started', reflections: {}, grade: { correctCount: 0 } },
    });
  });
});

describe('many people at once', () => {
  test('loses no write when 100 people answer, reflect and complete together', async () => {
    const db = await freshDatabase();
    const people = await Promise.all(
      Array.from({ length: 100 }, (_, i) => activeUser(db, `p${i}@example.org`)),
    );
    await Promise.all(
      people.map(async (person) => {
        await Promise.all([
          recordAnswer(db, curriculum, person.id, {
            moduleId: 'mentor-b',
            checkId: 'b-q1',
            option: 'Right b-q1',
          }),
          saveReflection(db, curriculum, person.id, {
            moduleId: 'mentor-a',
            promptId: 'a-r1',
            text: `From ${person.email}`,
          }),
        ]);
        await completeModule(db, curriculum, person.id, 'mentor-b');
      }),
    );
    expect(await rowCounts(db)).toEqual({ progress: 200, answers: 100, reflections: 100 });
  });
});
