import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startSite, type Site } from './site.ts';

/** Posts a body with node:http, which reports the answer even when the server stops reading early. */
function post(
  url: string,
  headers: Record<string, string | number>,
  body?: Buffer,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers });
    req.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, text }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    req.end(body);
  });
}

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

  test('answers a repeated request for a static page with 304 while its ETag matches', async () => {
    const first = await get('/modules/mentor/openness/');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await fetch(site.url + '/modules/mentor/openness/', {
      headers: { 'Accept-Encoding': 'br, gzip', 'If-None-Match': etag! },
    });
    expect(again.status).toBe(304);
  });

  test('sends static and on-demand pages that decode to the same bytes in every encoding', async () => {
    // fetch decodes what it is sent; node:http leaves it as it came.
    for (const path of ['/modules/mentor/openness/', '/login']) {
      const raw = (encoding: string) =>
        new Promise<{ encoding?: string; body: Buffer }>((resolve, reject) => {
          request(site.url + path, { headers: { 'Accept-Encoding': encoding } }, (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                encoding: response.headers['content-encoding'],
                body: Buffer.concat(chunks),
              }),
            );
          })
            .on('error', reject)
            .end();
        });
      const plain = await raw('identity');
      const brotli = await raw('br');
      const gzip = await raw('gzip');
      expect([plain.encoding, brotli.encoding, gzip.encoding]).toEqual([undefined, 'br', 'gzip']);
      expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
      expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
      expect(plain.body.toString()).toContain('<h1');
    }
  });

  test('refuses a request body over 64 KB with 413 and a sentence, without signing in', async () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: site.url };
    const declared = await post(site.url + '/login', { ...form, 'Content-Length': 20_000_000 });
    expect(declared.status).toBe(413);
    expect(declared.text).toBe('That request is too large: this page accepts at most 64 KB.');
    const streamed = await post(
      site.url + '/_actions/auth.login',
      { ...form, 'Transfer-Encoding': 'chunked' },
      Buffer.alloc(100_000, 'a'),
    );
    expect(streamed.status).toBe(413);
    const withinLimit = await post(site.url + '/login', form, Buffer.from('email=a'));
    expect(withinLimit.status).toBe(200);
  });

  test('accepts larger bodies on the programme pages, for uploads', async () => {
    const response = await post(
      site.url + '/programme/people',
      { 'Content-Type': 'application/x-www-form-urlencoded', Origin: site.url },
      Buffer.alloc(1_000_000, 'a'),
    );
    expect(response.status).not.toBe(413);
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
