import { describe, expect, test } from 'vitest';
import {
  gradeModule,
  nextAnswer,
  passMarkSentence,
  type StoredAnswer,
} from '../../src/lib/grading.ts';

const check = (id: string, answer: string) => ({
  id,
  question: `Question ${id}?`,
  options: ['Right', 'Wrong', 'Other'].map((o) => (o === 'Right' ? answer : `${o} ${id}`)),
  answer,
  explanation: 'Because.',
});
const module = { checks: [check('q1', 'Right 1'), check('q2', 'Right 2')], passMark: 2 };

const answer = (checkId: string, ...tried: string[]): StoredAnswer => ({
  checkId,
  option: tried.at(-1)!,
  optionsTried: tried,
  attempts: tried.length,
});

describe('grading a knowledge check', () => {
  test('passes when every question has been answered correctly at least once', () => {
    const grade = gradeModule(module, [
      answer('q1', 'Right 1'),
      answer('q2', 'Wrong q2', 'Right 2'),
    ]);
    expect(grade).toMatchObject({ correctCount: 2, passMark: 2, passed: true });
    expect(grade.checks.map((c) => [c.checkId, c.correct, c.attempts])).toEqual([
      ['q1', true, 1],
      ['q2', true, 2],
    ]);
  });

  test('still counts a question answered correctly once, then changed to a wrong option', () => {
    const grade = gradeModule(module, [
      answer('q1', 'Right 1'),
      answer('q2', 'Right 2', 'Wrong q2'),
    ]);
    expect(grade.checks[1]).toMatchObject({ correct: false, answeredCorrectly: true });
    expect(grade.passed).toBe(true);
  });

  test('fails while a question is unanswered or only answered wrongly', () => {
    expect(gradeModule(module, [answer('q1', 'Right 1')]).passed).toBe(false);
    expect(gradeModule(module, [answer('q1', 'Right 1'), answer('q2', 'Wrong q2')]).passed).toBe(
      false,
    );
    expect(gradeModule(module, []).checks[0]).toMatchObject({
      option: undefined,
      correct: false,
      attempts: 0,
    });
  });

  test('follows a corrected answer key: the stored option is graded against the key as it is now', () => {
    const answers = [answer('q1', 'Wrong q1'), answer('q2', 'Right 2')];
    expect(gradeModule(module, answers).passed).toBe(false);
    const corrected = {
      ...module,
      checks: [{ ...module.checks[0]!, answer: 'Wrong q1' }, module.checks[1]!],
    };
    expect(gradeModule(corrected, answers)).toMatchObject({ correctCount: 2, passed: true });
  });

  test('ignores an answer to a question that no longer exists', () => {
    const grade = gradeModule({ checks: [module.checks[0]!], passMark: 1 }, [
      answer('q1', 'Wrong q1'),
      answer('q2', 'Right 2'),
    ]);
    expect(grade.checks.map((c) => c.checkId)).toEqual(['q1']);
    expect(grade).toMatchObject({ correctCount: 0, passed: false });
  });

  test('marks an answer whose option has been reworded as no longer one of the options', () => {
    const reworded = {
      ...module,
      checks: [{ ...module.checks[0]!, options: ['Right 1', 'Changed'] }],
    };
    const grade = gradeModule(reworded, [answer('q1', 'Wrong q1')]);
    expect(grade.checks[0]).toMatchObject({
      option: 'Wrong q1',
      optionExists: false,
      correct: false,
    });
  });

  test('passes at a lower pass mark when the module sets one', () => {
    const grade = gradeModule({ ...module, passMark: 1 }, [answer('q2', 'Right 2')]);
    expect(grade).toMatchObject({ correctCount: 1, passMark: 1, passed: true });
  });

  test('passes a module without questions', () => {
    expect(gradeModule({ checks: [], passMark: 0 }, []).passed).toBe(true);
  });
});

describe('recording an answer', () => {
  test('counts attempts and remembers each distinct option once', () => {
    const first = nextAnswer(undefined, 'q1', 'Wrong q1');
    const second = nextAnswer(first, 'q1', 'Right 1');
    const third = nextAnswer(second, 'q1', 'Wrong q1');
    expect(third).toEqual({
      checkId: 'q1',
      option: 'Wrong q1',
      optionsTried: ['Wrong q1', 'Right 1'],
      attempts: 3,
    });
  });
});

describe('the pass mark sentence', () => {
  test('says what is left to do, or nothing once passed', () => {
    expect(passMarkSentence(gradeModule(module, [answer('q1', 'Right 1')]))).toBe(
      'Answer every question of the knowledge check correctly to mark this module complete (1 of 2 so far).',
    );
    expect(passMarkSentence(gradeModule({ ...module, passMark: 1 }, []))).toMatch(
      /^Answer at least 1 of the 2 questions/,
    );
    expect(
      passMarkSentence(gradeModule(module, [answer('q1', 'Right 1'), answer('q2', 'Right 2')])),
    ).toBeUndefined();
  });
});
