/**
 * Whether knowledge checks give their answers away by length. A reader who has skipped a module should
 * not be able to pass by picking the longest option, so across a set of checks the right answer must be
 * the longest option no more often than chance allows, the shortest often enough, and about as long as the
 * wrong options on average. Pure: no files, no Astro; the content test feeds it every module's checks.
 */

export interface CheckOptions {
  options: readonly string[];
  answer: string;
}

export interface CheckBalance {
  checks: number;
  /** Share (0 to 1) of checks whose right answer is at least as long as every other option. */
  rightLongestShare: number;
  /** Share (0 to 1) of checks whose right answer is strictly shorter than every other option. */
  rightShortestShare: number;
  meanRightLength: number;
  meanWrongLength: number;
  /** meanRightLength / meanWrongLength: 1 means right and wrong answers are the same length on average. */
  lengthRatio: number;
}

export interface BalanceLimits {
  maxRightLongestShare: number;
  minRightShortestShare: number;
  /** How far (as a share of the wrong options' mean) the right answers' mean length may stray either way. */
  maxLengthDifference: number;
}

export const BALANCE_LIMITS: BalanceLimits = {
  maxRightLongestShare: 0.35,
  minRightShortestShare: 0.2,
  maxLengthDifference: 0.15,
};

const lengthOf = (text: string) => text.trim().length;
const mean = (values: readonly number[]) =>
  values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;

/**
 * Ties count against the checks: a right answer tied for longest counts as longest, and one tied for
 * shortest does not count as shortest.
 */
export function checkBalance(checks: readonly CheckOptions[]): CheckBalance {
  let longest = 0;
  let shortest = 0;
  const rightLengths: number[] = [];
  const wrongLengths: number[] = [];
  for (const check of checks) {
    const right = lengthOf(check.answer);
    const wrong = check.options.filter((option) => option !== check.answer).map(lengthOf);
    rightLengths.push(right);
    wrongLengths.push(...wrong);
    if (wrong.every((length) => right >= length)) longest += 1;
    if (wrong.every((length) => right < length)) shortest += 1;
  }
  const count = checks.length;
  const meanRightLength = mean(rightLengths);
  const meanWrongLength = mean(wrongLengths);
  return {
    checks: count,
    rightLongestShare: count === 0 ? 0 : longest / count,
    rightShortestShare: count === 0 ? 0 : shortest / count,
    meanRightLength,
    meanWrongLength,
    lengthRatio: meanWrongLength === 0 ? 1 : meanRightLength / meanWrongLength,
  };
}

const percent = (share: number) => `${Math.round(share * 100)} %`;

/** Sentences saying which limit a set of checks breaks; empty when the set is balanced. */
export function balanceProblems(
  balance: CheckBalance,
  limits: BalanceLimits = BALANCE_LIMITS,
): string[] {
  const problems: string[] = [];
  if (balance.rightLongestShare > limits.maxRightLongestShare)
    problems.push(
      `The right answer is the longest option in ${percent(balance.rightLongestShare)} of checks; keep it at or below ${percent(limits.maxRightLongestShare)}.`,
    );
  if (balance.rightShortestShare < limits.minRightShortestShare)
    problems.push(
      `The right answer is the shortest option in only ${percent(balance.rightShortestShare)} of checks; make it at least ${percent(limits.minRightShortestShare)}.`,
    );
  if (Math.abs(balance.lengthRatio - 1) > limits.maxLengthDifference)
    problems.push(
      `Right answers average ${Math.round(balance.meanRightLength)} characters and wrong ones ${Math.round(balance.meanWrongLength)}; keep them within ${percent(limits.maxLengthDifference)} of each other.`,
    );
  return problems;
}
