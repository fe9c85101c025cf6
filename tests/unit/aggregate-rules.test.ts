import { describe, expect, test } from 'vitest';
import { mayNamePair } from '../../src/lib/consent.ts';
import { isShowable, MIN_GROUP_SIZE, showCount } from '../../src/lib/small-groups.ts';

describe('small groups', () => {
  test('hides every group of 1 to 4 people and shows groups of 5 or more', () => {
    expect(MIN_GROUP_SIZE).toBe(5);
    for (const size of [1, 2, 3, 4]) expect(isShowable(size)).toBe(false);
    for (const size of [5, 6, 300]) expect(isShowable(size)).toBe(true);
  });

  test('shows an empty group, which reveals nobody', () => {
    expect(isShowable(0)).toBe(true);
  });

  test('hides a count whose group is too small, even when the count itself is large', () => {
    expect(showCount(3, 4)).toEqual({ hidden: true });
    expect(showCount(3, 5)).toEqual({ hidden: false, value: 3 });
  });
});

describe('naming a pair', () => {
  test('names a pair only when both partners consent', () => {
    expect(mayNamePair({ mentorConsents: true, menteeConsents: true })).toBe(true);
    expect(mayNamePair({ mentorConsents: true, menteeConsents: false })).toBe(false);
    expect(mayNamePair({ mentorConsents: false, menteeConsents: true })).toBe(false);
    expect(mayNamePair({ mentorConsents: false, menteeConsents: false })).toBe(false);
  });
});
