import { describe, expect, test } from 'vitest';
import { clientAddress } from '../../src/lib/client-address.ts';
import { mailConfigFrom, mailSettingsProblem } from '../../src/lib/mail-settings.ts';
import { passwordProblem } from '../../src/lib/password-rules.ts';
import { returnToken, takeToken } from '../../src/lib/token-bucket.ts';

const common = new Set(['password1', 'qwertyuiop']);

describe('password rules', () => {
  test('accept 8 characters or more that are not common, with no composition rules', () => {
    expect(passwordProblem('plain lowercase words', common)).toBeUndefined();
    expect(passwordProblem('abcdefgh', common)).toBeUndefined();
    expect(passwordProblem('x'.repeat(128), common)).toBeUndefined();
  });

  test('refuse short, overlong and common passwords with a sentence', () => {
    expect(passwordProblem('seven77', common)).toMatch(/at least 8 characters/);
    expect(passwordProblem('x'.repeat(257), common)).toMatch(/at most 256/);
    expect(passwordProblem('Password1', common)).toMatch(/most common/);
  });
});

describe('clientAddress', () => {
  test('uses the socket when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1', 0)).toBe('203.0.113.9');
  });

  test('counts trusted hops from the right, ignoring what the client prepended', () => {
    expect(clientAddress('10.0.0.2', 'forged, 198.51.100.7', 1)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', 'forged, 198.51.100.7, 10.0.0.1', 2)).toBe('198.51.100.7');
    expect(clientAddress('10.0.0.2', null, 1)).toBe('10.0.0.2');
  });
});

describe('token bucket', () => {
  const rule = { capacity: 3, perMinute: 1 };
  test('allows a burst up to capacity, then refills with time', () => {
    let bucket;
    const now = 1_000_000;
    for (let i = 0; i < 3; i++) {
      const step = takeToken(bucket, rule, now);
      expect(step.allowed).toBe(true);
      bucket = step.bucket;
    }
    expect(takeToken(bucket, rule, now).allowed).toBe(false);
    expect(takeToken(bucket, rule, now + 60_000).allowed).toBe(true);
  });

  test('gives a token back, never beyond capacity', () => {
    const taken = takeToken(undefined, rule, 0).bucket;
    expect(returnToken(taken, rule, 0)).toEqual({ tokens: 3, refilledAt: 0 });
    expect(returnToken({ tokens: 3, refilledAt: 0 }, rule, 60_000).tokens).toBe(3);
    expect(returnToken({ tokens: 0.5, refilledAt: 0 }, rule, 30_000).tokens).toBe(2);
  });
});

describe('mail settings', () => {
  test('refuse the outbox in production unless explicitly allowed', () => {
    expect(mailSettingsProblem({ NODE_ENV: 'production' })).toMatch(/ALLOW_OUTBOX=true/);
    expect(mailSettingsProblem({ NODE_ENV: 'production', ALLOW_OUTBOX: 'true' })).toBeUndefined();
    expect(mailSettingsProblem({ NODE_ENV: 'development' })).toBeUndefined();
  });

  test('refuse SMTP without a host, and an unknown transport', () => {
    expect(mailSettingsProblem({ MAIL_TRANSPORT: 'smtp' })).toMatch(/SMTP_HOST is not set/);
    expect(
      mailSettingsProblem({
        MAIL_TRANSPORT: 'smtp',
        SMTP_HOST: 'mail.example.org',
        NODE_ENV: 'production',
      }),
    ).toBeUndefined();
    expect(mailSettingsProblem({ MAIL_TRANSPORT: 'pigeon' })).toMatch(/smtp or outbox/);
  });

  test('read SMTP settings from strings or typed values alike', () => {
    const fromStrings = mailConfigFrom({
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: 'mail',
      SMTP_PORT: '465',
      SMTP_SECURE: 'true',
    });
    const fromTyped = mailConfigFrom({
      MAIL_TRANSPORT: 'smtp',
      SMTP_HOST: 'mail',
      SMTP_PORT: 465,
      SMTP_SECURE: true,
    });
    expect(fromStrings).toEqual(fromTyped);
    expect(fromStrings.smtp).toEqual({ host: 'mail', port: 465, secure: true });
    expect(mailConfigFrom({}).transport).toBe('outbox');
  });
});
