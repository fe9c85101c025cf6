/**
 * How large a request body the server reads, by path, and reading it within that limit. Every body
 * is read whole before Astro sees the request, so no page or action ever reads an unbounded one,
 * and a body over the limit is refused with 413 and a sentence.
 */
import type { IncomingMessage } from 'node:http';

const KiB = 1024;
const MiB = 1024 * KiB;

export interface BodyLimits {
  /** The limit where no prefix matches. */
  default: number;
  /** Larger (or smaller) limits for paths under a prefix (`/programme` covers `/programme/...`); the longest match wins. */
  prefixes: { prefix: string; bytes: number }[];
}

/**
 * Forms and actions send a few kilobytes at most; the programme team's pages will take a CSV of up
 * to 5 MB, with room for the multipart form around it.
 */
export const BODY_LIMITS: BodyLimits = {
  default: 64 * KiB,
  prefixes: [{ prefix: '/programme', bytes: 5 * MiB + 64 * KiB }],
};

/** The body limit for a (normalised) request path. */
export function bodyLimitFor(pathname: string, limits: BodyLimits): number {
  let best: { prefix: string; bytes: number } | undefined;
  for (const entry of limits.prefixes) {
    const matches = pathname === entry.prefix || pathname.startsWith(entry.prefix + '/');
    if (matches && entry.prefix.length > (best?.prefix.length ?? -1)) best = entry;
  }
  return best?.bytes ?? limits.default;
}

/** "500 bytes", "64 KB", "5.1 MB": a limit as a person reads it. */
export function describeBytes(bytes: number): string {
  if (bytes < KiB) return `${bytes} bytes`;
  if (bytes < MiB) return `${Math.floor(bytes / KiB)} KB`;
  return `${(bytes / MiB).toFixed(1).replace(/\.0$/, '')} MB`;
}

/** The sentence a 413 carries. */
export function tooLargeMessage(limit: number): string {
  return `That request is too large: this page accepts at most ${describeBytes(limit)}.`;
}

/** Whether the request says it has a body at all. */
export function hasBody(req: IncomingMessage): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0
  );
}

/** Whether the declared length is already over the limit, so the body need not be read. */
export function declaresTooMuch(req: IncomingMessage, limit: number): boolean {
  return Number(req.headers['content-length'] ?? 0) > limit;
}

/** The client went away before its whole body arrived. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client closed the connection before sending the whole request.');
    this.name = 'ClientGoneError';
  }
}

/**
 * The whole body, or undefined as soon as it grows past the limit (the rest is left unread).
 * Rejects with ClientGoneError when the connection closes first, so nothing waits for a body that
 * will never come.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData).off('end', onEnd).off('error', reject).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        stop();
        req.pause();
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onClose = () => {
      stop();
      reject(new ClientGoneError());
    };
    if (req.destroyed) return onClose();
    req.on('data', onData).on('end', onEnd).on('error', reject).on('close', onClose);
  });
}
