import { describe, expect, test } from 'vitest';
import { balanceProblems, checkBalance, type CheckOptions } from '../../src/lib/check-balance.ts';

/** A check whose right answer is `right` and whose wrong options are `wrong`. */
const check = (right: string, ...wrong: string[]): CheckOptions => ({
  options: [...wrong, right],
  answer: right,
});

describe('checkBalance', () => {
  test('finds right answers that are always the longest option, and says so', () => {
    const giveaway = [
      check('Name the pattern calmly and offer a fixed slot', 'Say nothing', 'Complain', 'Leave'),
      check('Ask first, then agree the detail together', 'Just tell it', 'Never', 'Ask HR'),
      check('Describe the effect and ask for their view', 'Ignore it', 'Quit', 'Shout'),
    ];
    const balance = checkBalance(giveaway);
    expect(balance.rightLongestShare).toBe(1);
    expect(balance.rightShortestShare).toBe(0);
    expect(balance.lengthRatio).toBeGreaterThan(3);
    expect(balanceProblems(balance)).toEqual([
      expect.stringMatching(/longest option in 100 %/),
      expect.stringMatching(/shortest option in only 0 %/),
      expect.stringMatching(/Right answers average \d+ characters/),
    ]);
  });

  test('accepts checks whose right answers are as often short as long', () => {
    const balanced = [
      check('bb', 'a', 'ccc', 'dddd'),
      check('a', 'bb', 'ccc', 'dddd'),
      check('ccc', 'a', 'bb', 'dddd'),
      check('dddd', 'a', 'bb', 'ccc'),
      check('bb', 'a', 'ccc', 'dddd'),
    ];
    const balance = checkBalance(balanced);
    expect(balance.rightLongestShare).toBe(0.2);
    expect(balance.rightShortestShare).toBe(0.2);
    expect(balanceProblems(balance)).toEqual([]);
  });

  test('counts ties against the checks: tied for longest is longest, tied for shortest is not shortest', () => {
    const balance = checkBalance([check('abc', 'xyz', 'pqr', 'lmn')]);
    expect(balance.rightLongestShare).toBe(1);
    expect(balance.rightShortestShare).toBe(0);
  });

  test('compares mean lengths over all wrong options, ignoring surrounding spaces', () => {
    const balance = checkBalance([
      check('  four  ', 'two', 'six123'),
      check('eight123', 'ten1234567'),
    ]);
    expect(balance.meanRightLength).toBe(6);
    expect(balance.meanWrongLength).toBe((3 + 6 + 10) / 3);
  });
});
