import { describe, expect, test } from 'vitest';
import {
  describeLifetime,
  INVITATION_LIFETIME_MS,
  RESET_LIFETIME_MS,
} from '../../src/lib/link-lifetimes.ts';
import { invitationMessage, resetMessage } from '../../src/server/mail.ts';
import { unusableResetMessage } from '../../src/server/password-resets.ts';

describe('describeLifetime', () => {
  test('names a lifetime in its largest whole unit', () => {
    expect(describeLifetime(60 * 60 * 1000)).toBe('one hour');
    expect(describeLifetime(14 * 24 * 60 * 60 * 1000)).toBe('14 days');
    expect(describeLifetime(36 * 60 * 60 * 1000)).toBe('36 hours');
    expect(describeLifetime(90 * 60 * 1000)).toBe('90 minutes');
  });
});

describe('emails and messages about links', () => {
  test('state the lifetimes the code enforces', () => {
    expect(invitationMessage('a@example.org', 'A', 'http://x/invite/t').text).toContain(
      `expires in ${describeLifetime(INVITATION_LIFETIME_MS)}`,
    );
    expect(resetMessage('a@example.org', 'http://x/reset/t').text).toContain(
      `within the next ${describeLifetime(RESET_LIFETIME_MS)}`,
    );
    expect(unusableResetMessage('expired')).toContain(
      `links last ${describeLifetime(RESET_LIFETIME_MS)}`,
    );
  });
});
