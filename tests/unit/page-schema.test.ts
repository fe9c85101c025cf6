import { describe, expect, test } from 'vitest';
import { findIdsUsedTwice, pageExtension } from '../../src/lib/page-schema.ts';

const validModule = {
  kind: 'module',
  audience: 'mentor',
  moduleId: 'mentor-example',
  duration: 30,
  objectives: ['Explain the example.'],
  checks: [
    {
      id: 'mentor-example-q1',
      question: 'Which?',
      options: ['This one', 'That one'],
      answer: 'This one',
      explanation: 'Because.',
    },
  ],
  reflections: [{ id: 'mentor-example-r1', prompt: 'What did you notice?' }],
};

const messages = (input: unknown) =>
  pageExtension.safeParse(input).error?.issues.map((issue) => issue.message) ?? [];

describe('the page schema', () => {
  test('accepts a complete module', () => {
    expect(messages(validModule)).toEqual([]);
  });

  test('refuses a module without objectives, saying what to add', () => {
    expect(messages({ ...validModule, objectives: [] })).toEqual([
      expect.stringMatching(/needs learning `objectives`/),
    ]);
  });

  test('refuses a check whose answer is not one of its options', () => {
    const check = { ...validModule.checks[0]!, answer: 'this one' };
    expect(messages({ ...validModule, checks: [check] })).toEqual([
      expect.stringMatching(/answer to check "mentor-example-q1" is not one of its options/),
    ]);
  });

  test('refuses an id used twice within a page', () => {
    const reflection = { id: 'mentor-example-q1', prompt: 'Again?' };
    expect(messages({ ...validModule, reflections: [reflection] })).toEqual([
      expect.stringMatching(/more than once in this page: mentor-example-q1/),
    ]);
  });

  test('refuses a pass mark above the number of questions, saying what to do', () => {
    expect(messages({ ...validModule, passMark: 2 })).toEqual([
      expect.stringMatching(
        /pass mark \(2\) is more than the number of questions in the knowledge check \(1\)/,
      ),
    ]);
    expect(messages({ ...validModule, passMark: 1 })).toEqual([]);
  });

  test('refuses a module outside the two tracks', () => {
    expect(messages({ ...validModule, audience: 'both' })).toEqual([
      expect.stringMatching(/belongs to one track/),
    ]);
  });

  test('finds an id used by two pages and names both files', () => {
    const pages = [
      { filePath: 'a.mdx', moduleId: 'm-1', checks: [{ id: 'q-1' }], reflections: [] },
      { filePath: 'b.mdx', moduleId: 'm-2', checks: [{ id: 'q-1' }], reflections: [] },
    ];
    expect(Object.fromEntries(findIdsUsedTwice(pages))).toEqual({ 'q-1': ['a.mdx', 'b.mdx'] });
  });
});
