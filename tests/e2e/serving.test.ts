import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSite, type Site } from './site.ts';

describe('the production server', () => {
  let site: Site;
  beforeAll(async () => {
    site = await startSite();
  });
  afterAll(() => site?.stop());

  const get = (path: string, encoding = 'br, gzip') =>
    fetch(site.url + path, { headers: { 'Accept-Encoding': encoding } });

  test('sends static pages precompressed, in the encoding the client accepts', async () => {
    const brotli = await get('/modules/mentor/openness/');
    expect(brotli.headers.get('content-encoding')).toBe('br');
    expect(brotli.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await brotli.text()).toContain('<h1');
    const gzip = await get('/modules/mentor/openness/', 'gzip');
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
  });

  test('caches hashed assets for a year as immutable, and pages only with revalidation', async () => {
    const html = await (await get('/')).text();
    const asset = html.match(/\/_astro\/[^"]+\.css/)?.[0];
    expect(asset).toBeDefined();
    const response = await get(asset!);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get('/')).headers.get('cache-control')).toBe(
      'public, max-age=0, must-revalidate',
    );
  });

  test('compresses pages rendered on demand', async () => {
    const response = await get('/no-such-page/', 'gzip');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-encoding')).toBe('gzip');
  });

  test('sends the security headers on every response, without HSTS over plain HTTP', async () => {
    for (const path of ['/', '/healthz', '/no-such-page/']) {
      const headers = (await get(path)).headers;
      expect(headers.get('x-content-type-options')).toBe('nosniff');
      expect(headers.get('x-frame-options')).toBe('DENY');
      expect(headers.get('content-security-policy')).toBe("frame-ancestors 'none'");
      expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(headers.get('strict-transport-security')).toBeNull();
    }
  });

  test('refuses paths that climb out of the client folder', async () => {
    const response = await get('/..%2f..%2fpackage.json');
    expect(response.status).toBe(404);
  });
});

describe('the health check', () => {
  test('answers 503 with a reason when the database cannot be reached', async () => {
    const site = await startSite({
      MIGRATE_ON_START: 'false',
      DATABASE_URL: 'http://127.0.0.1:9/',
    });
    try {
      const response = await fetch(site.url + '/healthz');
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ status: 'unavailable', database: 'unreachable' });
      expect(body.reason).toEqual(expect.any(String));
    } finally {
      await site.stop();
    }
  });
});
