import { describe, expect, test } from 'vitest';
import { GIVE_UP_AFTER_MS, retryDelay, shouldGiveUp } from '../../src/lib/mail-retry.ts';

describe('mail retries', () => {
  test('wait half a minute after the first failure and double each time', () => {
    expect([1, 2, 3, 4].map(retryDelay)).toEqual([30_000, 60_000, 120_000, 240_000]);
  });

  test('never wait more than an hour between tries', () => {
    expect(retryDelay(30)).toBe(60 * 60 * 1000);
  });

  test('give up a day after the message was queued, not before', () => {
    expect(shouldGiveUp(0, GIVE_UP_AFTER_MS - 1)).toBe(false);
    expect(shouldGiveUp(0, GIVE_UP_AFTER_MS)).toBe(true);
  });
});
