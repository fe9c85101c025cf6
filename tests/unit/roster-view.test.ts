import { describe, expect, test } from 'vitest';
import {
  containsPattern,
  isFiltered,
  rosterHref,
  rosterQuery,
  rosterViewFrom,
  WHOLE_ROSTER,
} from '../../src/lib/roster-view.ts';

const viewOf = (query: string) => rosterViewFrom(new URLSearchParams(query));

describe('the roster view in the address', () => {
  test('reads the filter form', () => {
    expect(viewOf('search=+Ana+&role=mentee&status=withdrawn&page=3')).toEqual({
      search: 'Ana',
      role: 'mentee',
      status: 'withdrawn',
      page: 3,
    });
    expect(viewOf('')).toEqual(WHOLE_ROSTER);
  });

  test.each([
    ['role=owner&status=gone', WHOLE_ROSTER],
    ['page=0', WHOLE_ROSTER],
    ['page=-4', WHOLE_ROSTER],
    ['page=two', WHOLE_ROSTER],
    ['page=99999999', { ...WHOLE_ROSTER, page: 10_000 }],
    [`search=${'x'.repeat(500)}`, { ...WHOLE_ROSTER, search: 'x'.repeat(100) }],
  ])('reads %s leniently', (query, expected) => {
    expect(viewOf(query)).toEqual(expected);
  });

  test('writes back only what differs from the whole roster', () => {
    expect(rosterQuery(WHOLE_ROSTER)).toBe('');
    expect(rosterHref('wave-1', WHOLE_ROSTER)).toBe('/programme/waves/wave-1/people/#roster');
    const view = { search: 'a&b', role: 'coach', status: '', page: 2 } as const;
    expect(rosterHref('wave-1', view)).toBe(
      '/programme/waves/wave-1/people/?search=a%26b&role=coach&page=2#roster',
    );
    expect(viewOf(rosterHref('wave-1', view).split('?')[1]!.split('#')[0]!)).toEqual(view);
    expect(isFiltered(view)).toBe(true);
    const laterPage = { ...WHOLE_ROSTER, page: 4 };
    expect(isFiltered(laterPage)).toBe(false);
  });

  test('searches for %, _ and \\ as themselves', () => {
    expect(containsPattern('ana')).toBe('%ana%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
