/**
 * Flipside's production server: Astro's middleware-mode handler behind what `@astrojs/node` does
 * not do by itself. Static files come from `dist/client` (precompressed `.br`/`.gz` when the
 * client accepts them); hashed `/_astro/` assets are cached for a year; dynamic responses are
 * compressed on the fly; every response carries the security headers.
 */
import compression from 'compression';
import { createReadStream, type Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { constants as zlib } from 'node:zlib';
import { lookup } from 'mrmime';

type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void>;

export interface ServerOptions {
  handler: AstroHandler;
  clientDir: string;
  /** Whether the public address is HTTPS, which turns on HSTS. */
  https: boolean;
}

const YEAR_SECONDS = 31_536_000;
const PRECOMPRESSED = [
  { encoding: 'br', extension: '.br' },
  { encoding: 'gzip', extension: '.gz' },
] as const;

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

/** The file under `clientDir` a GET for `pathname` should serve, or undefined. */
async function findStaticFile(
  clientDir: string,
  pathname: string,
): Promise<{ file: string; stats: Stats } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  // Normalising an absolute path removes every `..`, so the result stays inside clientDir.
  const base = path.join(clientDir, path.posix.normalize(decoded));
  for (const candidate of [base, path.join(base, 'index.html')]) {
    const stats = await stat(candidate).catch(() => undefined);
    if (stats?.isFile()) return { file: candidate, stats };
  }
  return undefined;
}

/** Serves a static file, choosing a precompressed copy the client accepts. */
async function sendStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  { file, stats }: { file: string; stats: Stats },
): Promise<void> {
  const immutable = pathname.startsWith('/_astro/');
  const type = lookup(file) ?? 'application/octet-stream';
  res.setHeader(
    'Content-Type',
    /^text\/|javascript|json|xml/.test(type) ? `${type}; charset=utf-8` : type,
  );
  res.setHeader(
    'Cache-Control',
    immutable ? `public, max-age=${YEAR_SECONDS}, immutable` : 'public, max-age=0, must-revalidate',
  );
  res.setHeader('Vary', 'Accept-Encoding');
  const etag = `W/"${stats.size.toString(16)}-${stats.mtimeMs.toString(16)}"`;
  res.setHeader('ETag', etag);
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const accepted = String(req.headers['accept-encoding'] ?? '');
  let body = file;
  let size = stats.size;
  for (const { encoding, extension } of PRECOMPRESSED) {
    if (!new RegExp(`\\b${encoding}\\b`).test(accepted)) continue;
    const compressed = await stat(file + extension).catch(() => undefined);
    if (compressed?.isFile()) {
      res.setHeader('Content-Encoding', encoding);
      body = file + extension;
      size = compressed.size;
      break;
    }
  }
  res.setHeader('Content-Length', size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(body).pipe(res);
}

/** Answers 404 with the site's prerendered "not found" page. */
function sendNotFound(res: ServerResponse, clientDir: string): void {
  res.statusCode = 404;
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  createReadStream(path.join(clientDir, '404.html'))
    .on('error', () => res.end())
    .pipe(res);
}

/** Creates the HTTP server; call `listen` on it. */
export function createProductionServer({ handler, clientDir, https }: ServerOptions): Server {
  const root = path.resolve(clientDir);
  const headers = securityHeaders(https);
  const compress = compression({
    threshold: 1024,
    brotli: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });
  return createServer(async (req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'GET' || req.method === 'HEAD') {
      const found = await findStaticFile(root, pathname);
      if (found) return sendStaticFile(req, res, pathname, found);
    }
    compress(req as never, res as never, () => {
      handler(req, res, () => sendNotFound(res, root)).catch((error: unknown) => {
        console.error(error);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    });
  });
}
