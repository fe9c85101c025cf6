import { describe, expect, test } from 'vitest';
import { securityHeaders } from '../../production/server.ts';
import { refusalFor } from '../../production/unservable-requests.ts';

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

describe('refusalFor', () => {
  test.each(['TRACE', 'TRACK', 'PROPFIND', 'PATCH', 'OPTIONS'])(
    'refuses %s with 405, the methods pages answer and a sentence',
    async (method) => {
      const refusal = refusalFor(method, '/')!;
      expect(refusal.status).toBe(405);
      expect(refusal.headers.get('allow')).toBe('GET, HEAD, POST');
      expect(await refusal.text()).toBe('This address answers only GET, HEAD and POST requests.');
    },
  );

  test('refuses an address whose percent-encoding does not decode with 400', () => {
    expect(refusalFor('GET', '/modules/%E0/')?.status).toBe(400);
  });

  test.each(['GET', 'HEAD', 'POST'])('lets %s through to Astro', (method) => {
    expect(refusalFor(method, '/modules/mentor/openness/?q=%E0')).toBeUndefined();
  });
});
