import { describe, expect, test } from 'vitest';
import { securityHeaders } from '../../production/server.ts';

describe('securityHeaders', () => {
  test('forbids framing and sniffing, and limits the referrer', () => {
    expect(securityHeaders(false)).toMatchObject({
      'X-Content-Type-Options': 'nosniff',
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': "frame-ancestors 'none'",
      'Referrer-Policy': 'strict-origin-when-cross-origin',
    });
  });

  test('adds HSTS only when the site is served over HTTPS', () => {
    expect(securityHeaders(false)).not.toHaveProperty('Strict-Transport-Security');
    expect(securityHeaders(true)['Strict-Transport-Security']).toMatch(/max-age=31536000/);
  });
});
