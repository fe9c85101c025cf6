/**
 * Flipside's production server: Astro's middleware-mode handler behind what `@astrojs/node` does
 * not do by itself. Static files are indexed and read into memory once at start by sirv (with
 * precompressed `.br`/`.gz` variants and ETags), so a static request makes no filesystem call;
 * hashed `/_astro/` assets are cached for a year; request bodies are limited by path; requests
 * that may change something take turns; on-demand responses are compressed; every response carries
 * the security headers.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { lookup } from 'mrmime';
import sirv from 'sirv';
import {
  BODY_LIMITS,
  bodyLimitFor,
  ClientGoneError,
  declaresTooMuch,
  hasBody,
  readBody,
  tooLargeMessage,
  type BodyLimits,
} from './body-limits.ts';
import { PASSWORD_HASH_SLOTS, PASSWORD_MAX_WAIT_MS } from '../src/lib/password-work.ts';
import { createWorkQueue, QueueFullError } from '../src/lib/work-queue.ts';
import { chooseEncoding, compressWhenComplete } from './compression.ts';

type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void>;

export interface ServerOptions {
  handler: AstroHandler;
  clientDir: string;
  /** Whether the public address is HTTPS, which turns on HSTS. */
  https: boolean;
  bodyLimits?: BodyLimits;
  /** How many requests that may change something run at once, and how long the rest may wait. */
  changes?: { atOnce: number; maxWaitMs: number };
}

const YEAR_SECONDS = 31_536_000;
/**
 * Requests that may change something (every method but GET and HEAD) run this many at a time and
 * the rest wait their turn, up to PASSWORD_MAX_WAIT_MS: enough to keep every argon2 slot busy while
 * others are parsed, committed or rendered, few enough that a burst of sign-ins never crowds page
 * views off the event loop. Without it, 300 sign-ins arriving at once spent a second or more of
 * main-thread time on their queries and pages before any page view in between was answered.
 */
const CHANGES_AT_ONCE = 2 * PASSWORD_HASH_SLOTS + 2;
const IMMUTABLE = `public, max-age=${YEAR_SECONDS}, immutable`;
const REVALIDATE = 'public, max-age=0, must-revalidate';

/** The security headers every response carries. */
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Content-Security-Policy': "frame-ancestors 'none'",
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** The site's "not found" page in each encoding the build wrote, read once. */
function readNotFoundPage(clientDir: string) {
  const file = path.join(clientDir, '404.html');
  const read = (suffix: string) => {
    try {
      return readFileSync(file + suffix);
    } catch {
      return undefined;
    }
  };
  return {
    identity: read('') ?? Buffer.from('Not found.'),
    br: read('.br'),
    gzip: read('.gz'),
  };
}

/** The path of a request as Astro routes it, dot segments resolved. */
function requestPath(req: IncomingMessage): string {
  const url = 'http://localhost' + (req.url ?? '/');
  return URL.canParse(url) ? new URL(url).pathname : '/';
}

/** A plain-text refusal: a sentence, and the connection closed when the body was left unread. */
function refuse(res: ServerResponse, status: number, message: string, close = false): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  if (close) res.setHeader('Connection', 'close');
  res.end(message);
}

/**
 * Gives a 503 without `Retry-After` one: the server was too busy (a queue of password hashes that
 * drains within PASSWORD_MAX_WAIT_MS, or a database that did not answer).
 */
function sayWhenToRetry(res: ServerResponse): void {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ServerResponse, status: number, ...rest: unknown[]) {
    if (status === 503 && !res.hasHeader('retry-after')) {
      res.setHeader('Retry-After', String(Math.ceil(PASSWORD_MAX_WAIT_MS / 1000)));
    }
    return (writeHead as (...args: unknown[]) => ServerResponse).call(this, status, ...rest);
  } as typeof res.writeHead;
}

/** Creates the HTTP server; call `listen` on it. */
export function createProductionServer({
  handler,
  clientDir,
  https,
  bodyLimits = BODY_LIMITS,
  changes: { atOnce, maxWaitMs } = { atOnce: CHANGES_AT_ONCE, maxWaitMs: PASSWORD_MAX_WAIT_MS },
}: ServerOptions): Server {
  const headers = Object.entries(securityHeaders(https));
  const notFound = readNotFoundPage(clientDir);
  const changeQueue = createWorkQueue({ slots: atOnce, maxWaitMs, initialJobMs: 50 });
  const serveStatic = sirv(clientDir, {
    memory: true,
    etag: true,
    brotli: true,
    gzip: true,
    extensions: ['html'],
    setHeaders(res, pathname) {
      const type = lookup(pathname) ?? 'text/html';
      res.setHeader(
        'Content-Type',
        /^text\/|javascript|json|xml/.test(type) ? `${type}; charset=utf-8` : type,
      );
    },
  });

  function sendNotFound(req: IncomingMessage, res: ServerResponse): void {
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    const body = (encoding && notFound[encoding]) || notFound.identity;
    res.statusCode = 404;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Vary', 'Accept-Encoding');
    if (body !== notFound.identity) res.setHeader('Content-Encoding', encoding!);
    res.setHeader('Content-Length', body.length);
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  function render(req: IncomingMessage, res: ServerResponse): void {
    sayWhenToRetry(res);
    compressWhenComplete(req, res);
    handler(req, res, () => sendNotFound(req, res)).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  }

  /** Reads a body within the limit into `req.body`; false, having answered 413, when it is larger. */
  async function takeBody(req: IncomingMessage, res: ServerResponse, limit: number) {
    if (!hasBody(req)) return true;
    const body = await readBody(req, limit);
    if (!body) {
      refuse(res, 413, tooLargeMessage(limit), true);
      return false;
    }
    // @astrojs/node builds the request from `req.body` when it is there, instead of the stream.
    (req as IncomingMessage & { body?: Buffer }).body = body;
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, pathname: string) {
    const limit = bodyLimitFor(pathname, bodyLimits);
    if (declaresTooMuch(req, limit)) return refuse(res, 413, tooLargeMessage(limit), true);
    if (req.method === 'GET' || req.method === 'HEAD') {
      if (!(await takeBody(req, res, limit))) return;
      res.setHeader('Cache-Control', pathname.startsWith('/_astro/') ? IMMUTABLE : REVALIDATE);
      return serveStatic(req, res, () => {
        res.removeHeader('Cache-Control');
        render(req, res);
      });
    }
    // Listened for now, not when its turn comes: a client that leaves while waiting must not hold a
    // turn for ever.
    let gone = false;
    const closed = new Promise<void>((resolve) =>
      res.once('close', () => {
        gone = true;
        resolve();
      }),
    );
    try {
      await changeQueue.run(async () => {
        if (gone) return;
        if (await takeBody(req, res, limit)) render(req, res);
        await closed;
      });
    } catch (error) {
      if (!(error instanceof QueueFullError)) throw error;
      const seconds = Math.ceil(error.retryAfterMs / 1000);
      res.setHeader('Retry-After', String(seconds));
      const wait = seconds === 1 ? '1 second' : `${seconds} seconds`;
      refuse(
        res,
        503,
        `Many people are using Flipside at this moment. Try again in ${wait}.`,
        true,
      );
    }
  }

  const server = createServer((req, res) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    const pathname = requestPath(req);
    handle(req, res, pathname).catch((error: unknown) => {
      if (error instanceof ClientGoneError) return;
      console.error(error);
      if (!res.headersSent) refuse(res, 400, 'The request could not be read. Try again.', true);
      else res.destroy();
    });
  });
  // A client that asks before sending a large body (`Expect: 100-continue`) is refused before it sends it.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const pathname = requestPath(req);
    const limit = bodyLimitFor(pathname, bodyLimits);
    if (declaresTooMuch(req, limit)) {
      for (const [name, value] of headers) res.setHeader(name, value);
      return refuse(res, 413, tooLargeMessage(limit), true);
    }
    res.writeContinue();
    server.emit('request', req, res);
  });
  return server;
}
