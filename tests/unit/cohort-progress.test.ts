import { describe, expect, test } from 'vitest';
import { readCurriculumFiles } from '../../src/curriculum/files.ts';
import { cohortChart } from '../../src/lib/cohort-progress.ts';

const curriculum = readCurriculumFiles();
const mentorTrack = curriculum.tracks.find((track) => track.id === 'mentor')!;
const menteeTrack = curriculum.tracks.find((track) => track.id === 'mentee')!;
const [first, second, third] = mentorTrack.modules.map((entry) => entry.moduleId);

describe('the cohort chart', () => {
  test('shows each side its own track, module by module, with counts and shares', () => {
    const chart = cohortChart(curriculum, {
      mentor: {
        members: 20,
        completedByModule: new Map([
          [first!, 20],
          [second!, 5],
        ]),
      },
      mentee: { members: 0, completedByModule: new Map() },
    });
    expect(chart.map((side) => side.side)).toEqual(['mentor', 'mentee']);
    expect(chart[0]!.rows.map((row) => row.moduleId)).toEqual(
      mentorTrack.modules.map((entry) => entry.moduleId),
    );
    expect(chart[1]!.rows).toHaveLength(menteeTrack.modules.length);
    expect(chart[0]!.members).toEqual({ hidden: false, value: 20 });
    expect(chart[0]!.rows.slice(0, 3).map((row) => [row.completed, row.share])).toEqual([
      [{ hidden: false, value: 20 }, 1],
      [{ hidden: false, value: 5 }, 0.25],
      [{ hidden: false, value: 0 }, 0],
    ]);
    expect(third).toBeDefined();
  });

  test('hides a module completed by 1 to 4 people: no number, no share', () => {
    const chart = cohortChart(curriculum, {
      mentor: {
        members: 30,
        completedByModule: new Map([
          [first!, 4],
          [second!, 1],
        ]),
      },
      mentee: { members: 30, completedByModule: new Map() },
    });
    for (const row of chart[0]!.rows.slice(0, 2))
      expect(row).toMatchObject({ completed: { hidden: true }, share: undefined });
  });

  test('hides everything about a side of fewer than 5 people, even modules all of them completed', () => {
    const chart = cohortChart(curriculum, {
      mentor: { members: 4, completedByModule: new Map([[first!, 4]]) },
      mentee: { members: 3, completedByModule: new Map() },
    });
    for (const side of chart) {
      expect(side.members).toEqual({ hidden: true });
      for (const row of side.rows)
        expect(row).toMatchObject({ completed: { hidden: true }, share: undefined });
    }
  });
});
