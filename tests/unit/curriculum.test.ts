import { describe, expect, test } from 'vitest';
import {
  buildCurriculum,
  formatDuration,
  inSiteOrder,
  modulesListedTwice,
  nextModuleId,
  nextRequiredModuleId,
  orderedModules,
  previousModuleId,
  totalDuration,
  trackOf,
  type ModuleSummary,
  type Track,
} from '../../src/lib/curriculum.ts';

const mentor: Track = {
  id: 'mentor',
  title: 'Mentor track',
  audience: 'mentor',
  modules: [
    { moduleId: 'mentor-a', required: true },
    { moduleId: 'mentor-b', required: false },
    { moduleId: 'mentor-c', required: true },
  ],
};
const mentee: Track = {
  id: 'mentee',
  title: 'Mentee track',
  audience: 'mentee',
  modules: [{ moduleId: 'mentee-a', required: true }],
};
const summary = (moduleId: string, duration: number): ModuleSummary => ({
  moduleId,
  audience: 'mentor',
  title: moduleId.toUpperCase(),
  slug: `modules/mentor/${moduleId}`,
  duration,
});
const modules = new Map(
  [summary('mentor-a', 30), summary('mentor-b', 20), summary('mentor-c', 45)].map((m) => [
    m.moduleId,
    m,
  ]),
);

describe('curriculum', () => {
  test('orders a track’s modules as the track lists them, marking which are required', () => {
    expect(orderedModules(mentor, modules).map((m) => [m.moduleId, m.required])).toEqual([
      ['mentor-a', true],
      ['mentor-b', false],
      ['mentor-c', true],
    ]);
  });

  test('names the track and the id when a track lists a module that does not exist', () => {
    expect(() => orderedModules(mentee, modules)).toThrow(/mentee track lists "mentee-a"/);
  });

  test('finds previous and next modules within the track only', () => {
    expect(previousModuleId(mentor, 'mentor-a')).toBeUndefined();
    expect(previousModuleId(mentor, 'mentor-b')).toBe('mentor-a');
    expect(nextModuleId(mentor, 'mentor-b')).toBe('mentor-c');
    expect(nextModuleId(mentor, 'mentor-c')).toBeUndefined();
    expect(nextModuleId(mentor, 'mentee-a')).toBeUndefined();
  });

  test('finds which track holds a module', () => {
    expect(trackOf([mentor, mentee], 'mentee-a')?.id).toBe('mentee');
    expect(trackOf([mentor, mentee], 'unknown')).toBeUndefined();
  });

  test('suggests the first required module not yet completed, skipping optional ones', () => {
    expect(nextRequiredModuleId(mentor, new Set())).toBe('mentor-a');
    expect(nextRequiredModuleId(mentor, new Set(['mentor-a']))).toBe('mentor-c');
    expect(nextRequiredModuleId(mentor, new Set(['mentor-a', 'mentor-c']))).toBeUndefined();
  });

  test('totals required minutes, and optional ones when asked', () => {
    expect(totalDuration(mentor, modules)).toBe(75);
    expect(totalDuration(mentor, modules, { includeOptional: true })).toBe(95);
  });

  test('reports a module listed in two tracks', () => {
    const twice: Track = { ...mentee, modules: [{ moduleId: 'mentor-a', required: true }] };
    expect(modulesListedTwice([mentor, mentee])).toEqual([]);
    expect(modulesListedTwice([mentor, twice])).toEqual(['mentor-a']);
  });

  test.each([
    [45, '45 min'],
    [60, '1 h'],
    [330, '5 h 30 min'],
  ])('formats %i minutes as "%s"', (minutes, text) => {
    expect(formatDuration(minutes)).toBe(text);
  });

  test('lists the mentor track before the mentee track, whatever order it is given', () => {
    const ids = inSiteOrder([{ id: 'mentee' as const }, { id: 'mentor' as const }]).map(
      (track) => track.id,
    );
    expect(ids).toEqual(['mentor', 'mentee']);
  });
});

describe('buildCurriculum', () => {
  const page = (slug: string, moduleId: string, audience = 'mentor') => ({
    slug,
    data: { title: moduleId, kind: 'module', moduleId, audience, duration: 30, objectives: ['x'] },
  });
  const tracksFile = {
    mentee: { title: 'Mentee track', audience: 'mentee', modules: [{ moduleId: 'mentee-a' }] },
    mentor: { title: 'Mentor track', audience: 'mentor', modules: [{ moduleId: 'mentor-a' }] },
  };

  test('resolves the tracks against the module pages, in site order, required by default', () => {
    const curriculum = buildCurriculum(tracksFile, [
      page('modules/mentor/a', 'mentor-a'),
      page('modules/mentee/a', 'mentee-a', 'mentee'),
      { slug: 'guidance/x', data: { title: 'Guidance', kind: 'guidance' } },
    ]);
    expect(curriculum.tracks.map((track) => track.id)).toEqual(['mentor', 'mentee']);
    expect(curriculum.tracks[0]!.modules).toEqual([{ moduleId: 'mentor-a', required: true }]);
    expect([...curriculum.modules.keys()]).toEqual(['mentor-a', 'mentee-a']);
    expect(curriculum.modules.get('mentor-a')).toMatchObject({
      slug: 'modules/mentor/a',
      title: 'mentor-a',
      checks: [],
      passMark: 0,
      reflections: [],
    });
  });

  test('carries each module’s pass mark, every question unless the module sets one', () => {
    const check = (id: string) => ({
      id,
      question: 'Which?',
      options: ['Yes', 'No'],
      answer: 'Yes',
      explanation: 'Because.',
    });
    const withChecks = (passMark?: number) => ({
      slug: 'modules/mentor/a',
      data: {
        ...page('modules/mentor/a', 'mentor-a').data,
        checks: [check('q-1'), check('q-2'), check('q-3')],
        ...(passMark ? { passMark } : {}),
      },
    });
    const passMarkOf = (data: ReturnType<typeof withChecks>) =>
      buildCurriculum({ mentor: tracksFile.mentor }, [data]).modules.get('mentor-a')?.passMark;
    expect(passMarkOf(withChecks())).toBe(3);
    expect(passMarkOf(withChecks(2))).toBe(2);
  });

  test('refuses a track that lists a module no page defines', () => {
    expect(() => buildCurriculum(tracksFile, [page('modules/mentor/a', 'mentor-a')])).toThrow(
      /mentee track lists "mentee-a"/,
    );
  });

  test('refuses a track that is not one of the programme’s sides', () => {
    expect(() => buildCurriculum({ coach: tracksFile.mentor }, [])).toThrow(
      /"coach" is not a track/,
    );
  });
});
