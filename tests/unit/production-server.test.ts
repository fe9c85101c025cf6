import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { bodyLimitFor, describeBytes } from '../../production/body-limits.ts';
import { chooseEncoding } from '../../production/compression.ts';
import { createProductionServer, securityHeaders } from '../../production/server.ts';
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

describe('bodyLimitFor', () => {
  const limits = {
    default: 100,
    prefixes: [
      { prefix: '/programme', bytes: 1000 },
      { prefix: '/programme/tiny', bytes: 10 },
    ],
  };

  test('gives paths under a prefix its limit, the longest prefix winning', () => {
    expect(bodyLimitFor('/programme', limits)).toBe(1000);
    expect(bodyLimitFor('/programme/people', limits)).toBe(1000);
    expect(bodyLimitFor('/programme/tiny/x', limits)).toBe(10);
  });

  test('gives every other path the default, including look-alikes of a prefix', () => {
    expect(bodyLimitFor('/login', limits)).toBe(100);
    expect(bodyLimitFor('/programmes', limits)).toBe(100);
    expect(bodyLimitFor('/_actions/people.invite', limits)).toBe(100);
  });

  test('describes limits the way a person reads them', () => {
    expect(describeBytes(500)).toBe('500 bytes');
    expect(describeBytes(64 * 1024)).toBe('64 KB');
    expect(describeBytes(5 * 1024 * 1024)).toBe('5 MB');
  });
});

describe('chooseEncoding', () => {
  test('prefers brotli, then gzip, and honours q=0', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd')).toBe('br');
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});

interface Reply {
  status: number;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** One request with node:http, which (unlike fetch) leaves Accept-Encoding and bodies as given. */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string | number>; body?: Buffer } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers });
    req.on('response', (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode!,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
    });
    // The server may answer and close before a refused body is all sent.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (options.body) req.write(options.body);
    req.end();
  });
}

const PAGE = '<!doctype html><title>Static</title>' + '<p>A static page.</p>'.repeat(200);
const NOT_FOUND = '<!doctype html><title>Not found</title>' + '<p>Nothing here.</p>'.repeat(100);
const RENDERED =
  '<!doctype html><title>Rendered</title>' + '<p>Rendered on demand.</p>'.repeat(300);

describe('createProductionServer', () => {
  let folder: string;
  let server: Server;
  let url: string;
  /** What the on-demand handler saw, and what it should do next. */
  const seen: { bodies: (Buffer | undefined)[] } = { bodies: [] };
  let onDemand: (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void>;

  beforeAll(async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'flipside-server-'));
    const write = (file: string, content: string | Buffer) => {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      writeFileSync(path.join(folder, file), content);
    };
    write('guide/index.html', PAGE);
    write('guide/index.html.br', brotliCompressSync(PAGE));
    write('guide/index.html.gz', gzipSync(PAGE));
    write('_astro/site.abc123.css', 'body { color: black; }');
    write('404.html', NOT_FOUND);
    write('404.html.gz', gzipSync(NOT_FOUND));
    server = createProductionServer({
      handler: (req, res, next) => onDemand(req, res, next),
      clientDir: folder,
      https: false,
      bodyLimits: { default: 1000, prefixes: [{ prefix: '/upload', bytes: 100_000 }] },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Everything below must come from memory: the files are gone from disk.
    rmSync(folder, { recursive: true, force: true });
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  afterEach(() => {
    seen.bodies = [];
  });

  /** An on-demand page written in several chunks, as Astro streams one. */
  const renderPage = async (req: IncomingMessage, res: ServerResponse) => {
    seen.bodies.push((req as IncomingMessage & { body?: Buffer }).body);
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    for (let i = 0; i < RENDERED.length; i += 1000) res.write(RENDERED.slice(i, i + 1000));
    res.end();
  };

  test('serves static files from memory in the encoding the client accepts, each decoding to the page', async () => {
    onDemand = async (_req, _res, next) => next();
    const brotli = await send(url + '/guide/', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(brotli.status).toBe(200);
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(brotliDecompressSync(brotli.body).toString()).toBe(PAGE);
    const gzip = await send(url + '/guide', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(PAGE);
    const plain = await send(url + '/guide/index.html');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(PAGE);
  });

  test('answers a repeated request with 304 when its ETag still matches', async () => {
    const first = await send(url + '/guide/', { headers: { 'Accept-Encoding': 'br' } });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    const again = await send(url + '/guide/', {
      headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag },
    });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
  });

  test('caches hashed assets for a year as immutable', async () => {
    const asset = await send(url + '/_astro/site.abc123.css');
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  test('answers an unknown path with the 404 page, precompressed, and the security headers', async () => {
    onDemand = async (_req, _res, next) => next();
    const missing = await send(url + '/no-such-page/', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(missing.status).toBe(404);
    expect(missing.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(missing.body).toString()).toBe(NOT_FOUND);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    expect(missing.headers['cache-control']).toBe('no-cache');
  });

  test('compresses pages rendered on demand whole, decoding to the same bytes', async () => {
    onDemand = renderPage;
    for (const [accept, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const reply = await send(url + '/login', { headers: { 'Accept-Encoding': accept } });
      expect(reply.headers['content-encoding']).toBe(accept);
      expect(Number(reply.headers['content-length'])).toBe(reply.body.length);
      expect(reply.headers.vary).toMatch(/Accept-Encoding/);
      expect(decode(reply.body).toString()).toBe(RENDERED);
    }
    const plain = await send(url + '/login');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(RENDERED);
  });

  test('leaves small and non-text responses as they are', async () => {
    onDemand = async (req, res) => {
      const type = req.url === '/tiny' ? 'application/json' : 'image/png';
      res.writeHead(200, { 'Content-Type': type });
      res.end(req.url === '/tiny' ? '{"status":"ok"}' : Buffer.alloc(5000, 7));
    };
    const tiny = await send(url + '/tiny', { headers: { 'Accept-Encoding': 'br' } });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(tiny.body.toString()).toBe('{"status":"ok"}');
    const image = await send(url + '/image', { headers: { 'Accept-Encoding': 'br' } });
    expect(image.headers['content-encoding']).toBeUndefined();
    expect(image.body.equals(Buffer.alloc(5000, 7))).toBe(true);
  });

  test('gives the handler a body within the limit', async () => {
    onDemand = renderPage;
    const body = Buffer.from('name=Ada');
    const reply = await send(url + '/account', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(reply.status).toBe(200);
    expect(seen.bodies).toEqual([body]);
  });

  test('refuses a declared body over the limit with 413 and a sentence, unread', async () => {
    onDemand = renderPage;
    const reply = await send(url + '/account', {
      method: 'POST',
      headers: { 'Content-Length': 20_000_000 },
    });
    expect(reply.status).toBe(413);
    expect(reply.body.toString()).toBe(
      'That request is too large: this page accepts at most 1000 bytes.',
    );
    expect(reply.headers.connection).toBe('close');
    expect(seen.bodies).toEqual([]);
  });

  test('refuses a streamed body once it grows past the limit', async () => {
    onDemand = renderPage;
    const reply = await send(url + '/account', {
      method: 'POST',
      headers: { 'Transfer-Encoding': 'chunked' },
      body: Buffer.alloc(5000, 'a'),
    });
    expect(reply.status).toBe(413);
    expect(seen.bodies).toEqual([]);
  });

  test('accepts a larger body under a prefix with a larger limit', async () => {
    onDemand = renderPage;
    const body = Buffer.alloc(50_000, 'a');
    const reply = await send(url + '/upload/people', { method: 'POST', body });
    expect(reply.status).toBe(200);
    expect(seen.bodies[0]?.length).toBe(50_000);
  });

  test('refuses a large body before it is sent when the client asks first', async () => {
    onDemand = renderPage;
    const reply = await send(url + '/account', {
      method: 'POST',
      headers: { 'Content-Length': 5000, Expect: '100-continue' },
    });
    expect(reply.status).toBe(413);
    expect(reply.headers['x-frame-options']).toBe('DENY');
  });

  test('gives a busy 503 from a page a Retry-After', async () => {
    onDemand = async (_req, res) => {
      res.writeHead(503, { 'Content-Type': 'text/plain' });
      res.end('Busy.');
    };
    const reply = await send(url + '/healthz');
    expect(reply.status).toBe(503);
    expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('requests that may change something', () => {
  test('take turns, refused with 503 and Retry-After when the wait would be too long', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'flipside-server-'));
    writeFileSync(path.join(folder, 'index.html'), PAGE);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const server = createProductionServer({
      handler: async (_req, res) => {
        await held;
        res.end('Saved.');
      },
      clientDir: folder,
      https: false,
      changes: { atOnce: 1, maxWaitMs: 120 },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const post = () => send(url + '/account', { method: 'POST', body: Buffer.from('a=1') });
      // One runs and two wait (50 ms each by the first guess): a fourth would wait 150 ms, past 120.
      const accepted = [post(), post(), post()];
      await new Promise((resolve) => setTimeout(resolve, 50));
      const refused = await post();
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('1');
      expect(refused.body.toString()).toMatch(/Try again in 1 second\./);
      expect((await send(url + '/')).status).toBe(200);
      release();
      expect((await Promise.all(accepted)).map((reply) => reply.status)).toEqual([200, 200, 200]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
      rmSync(folder, { recursive: true, force: true });
    }
  });

  test('are not held up by clients that left, while waiting or half way through a body', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'flipside-server-'));
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let first = true;
    const server = createProductionServer({
      handler: async (_req, res) => {
        if (first) {
          first = false;
          await held;
        }
        res.end('Saved.');
      },
      clientDir: folder,
      https: false,
      changes: { atOnce: 1, maxWaitMs: 60_000 },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    /** A post whose client goes away: after its whole body, or after part of it. */
    const abandon = (whole: boolean) =>
      new Promise<void>((resolve) => {
        const req = request(url + '/account', {
          method: 'POST',
          headers: { 'Content-Length': whole ? 3 : 1000 },
        });
        req.on('error', () => resolve());
        req.write('a=1');
        if (whole) req.end();
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 50);
      });
    try {
      const running = send(url + '/account', { method: 'POST', body: Buffer.from('a=1') });
      await new Promise((resolve) => setTimeout(resolve, 20));
      // Both leave while the first post holds the only turn.
      await Promise.all([abandon(true), abandon(false)]);
      release();
      await running;
      const after = await send(url + '/account', { method: 'POST', body: Buffer.from('a=1') });
      expect(after.status).toBe(200);
      expect(after.body.toString()).toBe('Saved.');
    } finally {
      await new Promise((resolve) => server.close(resolve));
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
