import { describe, expect, test } from 'vitest';
import type { ModuleSummary, Track } from '../../src/lib/curriculum.ts';
import { moduleStatus, type ModuleRecord } from '../../src/lib/module-status.ts';
import { recentlyCompleted, trackProgress, tracksFor } from '../../src/lib/track-progress.ts';

const track: Track = {
  id: 'mentor',
  title: 'Mentor track',
  audience: 'mentor',
  modules: [
    { moduleId: 'a', required: true },
    { moduleId: 'b', required: false },
    { moduleId: 'c', required: true },
  ],
};
const modules = new Map<string, ModuleSummary>(
  [
    ['a', 30],
    ['b', 20],
    ['c', 45],
  ].map(([moduleId, duration]) => [
    moduleId as string,
    {
      moduleId: moduleId as string,
      audience: 'mentor',
      title: String(moduleId).toUpperCase(),
      slug: `modules/mentor/${moduleId}`,
      duration: duration as number,
    },
  ]),
);
const day = (n: number) => new Date(Date.UTC(2026, 10, n));
const records = (...list: ModuleRecord[]) => new Map(list.map((r) => [r.moduleId, r]));

describe('module status', () => {
  test('is not started without a record, in progress once started, complete once marked', () => {
    expect(moduleStatus(undefined)).toBe('not-started');
    expect(moduleStatus({ moduleId: 'a', startedAt: day(1), completedAt: null })).toBe(
      'in-progress',
    );
    expect(moduleStatus({ moduleId: 'a', startedAt: day(1), completedAt: day(2) })).toBe(
      'complete',
    );
  });
});

describe('track progress', () => {
  test('counts required modules only, and suggests the first required one left', () => {
    const progress = trackProgress(
      track,
      modules,
      records(
        { moduleId: 'a', startedAt: day(1), completedAt: day(2) },
        { moduleId: 'b', startedAt: day(1), completedAt: day(3) },
      ),
    );
    expect(progress).toMatchObject({ required: 2, completed: 1, minutesLeft: 45 });
    expect(progress.next?.moduleId).toBe('c');
    expect(progress.completedAt).toBeUndefined();
    expect(progress.modules.map((m) => m.status)).toEqual(['complete', 'complete', 'not-started']);
  });

  test('is complete on the day the last required module was completed', () => {
    const progress = trackProgress(
      track,
      modules,
      records(
        { moduleId: 'a', startedAt: day(1), completedAt: day(5) },
        { moduleId: 'c', startedAt: day(1), completedAt: day(4) },
      ),
    );
    expect(progress).toMatchObject({ completed: 2, next: undefined, minutesLeft: 0 });
    expect(progress.completedAt).toEqual(day(5));
  });

  test('ignores records of modules the track does not list, so a removed module changes nothing', () => {
    const progress = trackProgress(
      track,
      modules,
      records({ moduleId: 'gone', startedAt: day(1), completedAt: day(2) }),
    );
    expect(progress).toMatchObject({ completed: 0, minutesLeft: 75 });
  });

  test('lists the most recently completed modules first', () => {
    const progress = trackProgress(
      track,
      modules,
      records(
        { moduleId: 'a', startedAt: day(1), completedAt: day(2) },
        { moduleId: 'b', startedAt: day(1), completedAt: day(6) },
        { moduleId: 'c', startedAt: day(1), completedAt: null },
      ),
    );
    expect(recentlyCompleted([progress]).map((m) => m.moduleId)).toEqual(['b', 'a']);
    expect(recentlyCompleted([progress], 1).map((m) => m.moduleId)).toEqual(['b']);
  });
});

describe('which tracks a person follows', () => {
  test('follows their own choice until they have a role in a wave', () => {
    expect(tracksFor(null)).toBeUndefined();
    expect(tracksFor('mentee')).toEqual(['mentee']);
    expect(tracksFor('both')).toEqual(['mentor', 'mentee']);
  });

  test('lets active wave roles decide over the choice, a coach following both tracks', () => {
    expect(tracksFor('mentee', ['mentor'])).toEqual(['mentor']);
    expect(tracksFor(null, ['coach'])).toEqual(['mentor', 'mentee']);
    expect(tracksFor('mentor', ['mentee', 'mentor'])).toEqual(['mentor', 'mentee']);
  });
});
