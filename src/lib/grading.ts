/**
 * Grading a person's knowledge check. Answers are kept as the person gave them (the option's text)
 * and graded here, when read, against the module as it is now: when an author corrects an answer,
 * everyone's results follow; an answer to a question that has gone counts for nothing; an option
 * that has been reworded no longer matches, so that question is open again. No I/O.
 */
import type { Module } from './curriculum.ts';

/** One stored answer: the latest option given, and every distinct option the person has tried. */
export interface StoredAnswer {
  checkId: string;
  option: string;
  optionsTried: readonly string[];
  attempts: number;
}

export interface GradedCheck {
  checkId: string;
  /** The latest option the person gave, or undefined when they have not answered. */
  option: string | undefined;
  /** Whether the latest option is still one of the question's options. */
  optionExists: boolean;
  /** Whether the latest option is the right one. */
  correct: boolean;
  /** Whether any option the person has tried is the right one: what the pass mark counts. */
  answeredCorrectly: boolean;
  attempts: number;
}

/** How far the person is from passing the check. */
export interface GradeSummary {
  /** Questions answered correctly at least once. */
  correctCount: number;
  passMark: number;
  /** How many questions the check has. */
  total: number;
  passed: boolean;
}

export interface Grade extends GradeSummary {
  checks: GradedCheck[];
}

/** Grades the answers against the module's questions as they are now; other answers are ignored. */
export function gradeModule(
  module: Pick<Module, 'checks' | 'passMark'>,
  answers: Iterable<StoredAnswer>,
): Grade {
  const byCheck = new Map([...answers].map((answer) => [answer.checkId, answer]));
  const checks = module.checks.map((check): GradedCheck => {
    const answer = byCheck.get(check.id);
    return {
      checkId: check.id,
      option: answer?.option,
      optionExists: answer !== undefined && check.options.includes(answer.option),
      correct: answer?.option === check.answer,
      answeredCorrectly: answer?.optionsTried.includes(check.answer) ?? false,
      attempts: answer?.attempts ?? 0,
    };
  });
  const correctCount = checks.filter((check) => check.answeredCorrectly).length;
  // The schema refuses a pass mark above the number of questions; this keeps any module gradable.
  const passMark = Math.min(module.passMark, module.checks.length);
  return {
    checks,
    correctCount,
    passMark,
    total: checks.length,
    passed: correctCount >= passMark,
  };
}

/** The answer after the person gives `option`: counted as another attempt, the option remembered. */
export function nextAnswer(
  previous: StoredAnswer | undefined,
  checkId: string,
  option: string,
): StoredAnswer {
  const tried = previous?.optionsTried ?? [];
  return {
    checkId,
    option,
    optionsTried: tried.includes(option) ? tried : [...tried, option],
    attempts: (previous?.attempts ?? 0) + 1,
  };
}

/** What the person must still do to pass, as a sentence, or undefined once they have passed. */
export function passMarkSentence(grade: GradeSummary): string | undefined {
  if (grade.passed) return undefined;
  const total = grade.total;
  const goal =
    grade.passMark === total
      ? `Answer every question of the knowledge check correctly`
      : `Answer at least ${grade.passMark} of the ${total} questions of the knowledge check correctly`;
  return `${goal} to mark this module complete (${grade.correctCount} of ${total} so far).`;
}
