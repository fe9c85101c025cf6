/**
 * Compression for responses rendered on demand. An on-demand page is small (a sign-in page is about
 * 16 KB of HTML), so the response is held until it ends and compressed in one synchronous call on
 * the main thread: no stream, no compressor state kept between chunks, no trip through libuv's
 * thread pool (which argon2 shares), and memory for one compressor at a time. A response that grows
 * past MAX_HELD is sent as it is, uncompressed, from that point on.
 */
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const MAX_HELD = 1024 * 1024;
/** Below this a compressed body saves less than a packet. */
const MIN_BYTES = 1024;
const COMPRESSIBLE =
  /^(text\/(?!event-stream)|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/;

export type Encoding = 'br' | 'gzip';

// Chosen by `npm run bench:server` ("Compression of on-demand HTML") on this 2-core machine, for the
// sign-in page (14.4 KB), My training (17.8 KB) and a larger page (74.6 KB, as cohort pages and the
// console will be): brotli at quality 1 with an 18-bit window sent 5.2, 5.7 and 17.7 KB in 47, 52
// and 138 µs, holding 0.13 MB while open; gzip level 1 sent 4.9, 5.5 and 17.9 KB in 39, 42 and
// 311 µs (0.26 MB); brotli quality 4 sent 4.4, 4.9 and 15.6 KB in 112, 124 and 556 µs (0.6 MB);
// gzip level 6 4.5, 5.1 and 15.9 KB in 64, 73 and 682 µs. The bytes saved take 760 to 4,900 µs at
// 100 Mbit/s, so every setting pays for itself; on a fast network the cheapest time matters more
// than the last few hundred bytes. Brotli 1 costs about what gzip 1 does on small pages and less
// than half on large ones, with the least memory; gzip 1 is for clients without brotli.
const BROTLI = {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 1,
    [constants.BROTLI_PARAM_LGWIN]: 18,
  },
};
const GZIP = { level: 1 };

/** The encoding to use for a client's `Accept-Encoding`, preferring brotli. */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding | undefined {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name!, q ? Number(q.slice(2)) || 0 : 1);
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0) return 'gzip';
  return undefined;
}

/** Compresses a whole body with the chosen settings. */
export function compressBody(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'gzip') return gzipSync(body, GZIP);
  return brotliCompressSync(body, {
    params: { ...BROTLI.params, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  });
}

type Chunk = string | Uint8Array;
type Callback = (error?: Error | null) => void;

/**
 * Makes `res` hold what is written to it and compress it when it ends, for a client that accepts
 * an encoding. Call before anything is written; a no-op for HEAD requests and clients that accept
 * no compression.
 */
export function compressWhenComplete(req: IncomingMessage, res: ServerResponse): void {
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  if (!encoding || req.method === 'HEAD') return;

  const writeHead = res.writeHead.bind(res) as (status: number) => ServerResponse;
  const write = res.write.bind(res) as (chunk: Chunk) => boolean;
  const end = res.end.bind(res) as (chunk?: Chunk, callback?: () => void) => ServerResponse;
  let status: number | undefined;
  let held: Buffer[] | undefined;
  let heldBytes = 0;

  const compressible = () =>
    COMPRESSIBLE.test(String(res.getHeader('content-type') ?? '')) &&
    !res.hasHeader('content-encoding') &&
    status !== 204 &&
    status !== 304;

  const passThrough = () => {
    res.writeHead = writeHead as typeof res.writeHead;
    res.write = write as typeof res.write;
    res.end = end as typeof res.end;
    writeHead(status ?? res.statusCode);
    for (const chunk of held ?? []) write(chunk);
    held = undefined;
  };

  const hold = (chunk: Chunk | undefined, encodingName?: BufferEncoding) => {
    if (chunk === undefined || chunk.length === 0) return;
    // A view, not a copy: what is written is not changed afterwards.
    const buffer =
      typeof chunk === 'string'
        ? Buffer.from(chunk, encodingName)
        : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    (held ??= []).push(buffer);
    heldBytes += buffer.length;
  };

  res.writeHead = ((code: number, ...rest: unknown[]) => {
    status = code;
    const headers = rest.find((arg) => typeof arg === 'object') as OutgoingHttpHeaders | undefined;
    const message = rest.find((arg) => typeof arg === 'string');
    if (typeof message === 'string') res.statusMessage = message;
    for (const [name, value] of Object.entries(headers ?? {})) {
      if (value !== undefined) res.setHeader(name, value);
    }
    if (!compressible()) passThrough();
    return res;
  }) as typeof res.writeHead;

  res.write = ((chunk: Chunk, ...rest: unknown[]) => {
    hold(chunk, rest.find((arg) => typeof arg === 'string') as BufferEncoding | undefined);
    const callback = rest.find((arg) => typeof arg === 'function') as Callback | undefined;
    if (heldBytes > MAX_HELD) passThrough();
    if (callback) process.nextTick(callback);
    return true;
  }) as typeof res.write;

  res.end = ((...args: unknown[]) => {
    const chunk = args.find((arg) => typeof arg === 'string' || arg instanceof Uint8Array) as
      Chunk | undefined;
    const encodingName = typeof args[1] === 'string' ? (args[1] as BufferEncoding) : undefined;
    const callback = args.find((arg) => typeof arg === 'function') as (() => void) | undefined;
    hold(chunk, encodingName);
    status ??= res.statusCode;
    const body = Buffer.concat(held ?? [], heldBytes);
    held = undefined;
    res.writeHead = writeHead as typeof res.writeHead;
    res.write = write as typeof res.write;
    res.end = end as typeof res.end;
    if (compressible()) {
      res.appendHeader('Vary', 'Accept-Encoding');
      if (body.length >= MIN_BYTES) {
        const compressed = compressBody(body, encoding);
        res.setHeader('Content-Encoding', encoding);
        res.setHeader('Content-Length', compressed.length);
        writeHead(status);
        return end(compressed, callback);
      }
    }
    if (!res.hasHeader('content-length')) res.setHeader('Content-Length', body.length);
    writeHead(status);
    return end(body, callback);
  }) as typeof res.end;
}
