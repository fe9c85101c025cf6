import { describe, expect, test } from 'vitest';
import {
  DAY,
  DEFAULT_LIFETIMES,
  HOUR,
  renewalDue,
  sessionExpiry,
} from '../../src/lib/session-policy.ts';

const created = Date.UTC(2026, 10, 1, 9, 0);

describe('session expiry', () => {
  test('ends a participant session after 7 idle days', () => {
    expect(sessionExpiry(created, created, DEFAULT_LIFETIMES.participant)).toBe(created + 7 * DAY);
  });

  test('slides with use but never past 30 days from creation', () => {
    const lifetime = DEFAULT_LIFETIMES.participant;
    expect(sessionExpiry(created, created + 5 * DAY, lifetime)).toBe(created + 12 * DAY);
    expect(sessionExpiry(created, created + 29 * DAY, lifetime)).toBe(created + 30 * DAY);
  });

  test('gives the programme team 12 idle hours and 7 days in all', () => {
    const lifetime = DEFAULT_LIFETIMES.programme;
    expect(sessionExpiry(created, created, lifetime)).toBe(created + 12 * HOUR);
    expect(sessionExpiry(created, created + 6 * DAY + 20 * HOUR, lifetime)).toBe(created + 7 * DAY);
  });

  test('renews at most once an hour', () => {
    expect(renewalDue(created, created + 59 * 60 * 1000)).toBe(false);
    expect(renewalDue(created, created + HOUR)).toBe(true);
  });
});
