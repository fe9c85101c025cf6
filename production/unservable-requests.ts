/**
 * Requests refused before Astro's handler sees them, because they would never reach the middleware
 * or would crash the adapter: a method other than GET, HEAD and POST (Node's fetch `Request` cannot
 * even represent TRACE or TRACK, so the adapter throws and the answer is a 500; requests for
 * prerendered pages go around the middleware), and an address whose percent-encoding does not
 * decode (Astro logs each one as an error). Everything else goes on to `handler` unchanged.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PAGE_METHODS, methodNotAllowed } from '../src/lib/http-methods.ts';

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => Promise<void>;

/** The refusal for a request with this method and target, or undefined to serve it. */
export function refusalFor(
  method: string | undefined,
  target: string | undefined,
): Response | undefined {
  if (!(PAGE_METHODS as readonly string[]).includes(method ?? ''))
    return methodNotAllowed(PAGE_METHODS);
  try {
    decodeURI(new URL(target ?? '/', 'http://localhost').pathname);
  } catch {
    return new Response('This address is not valid. Check it for typing mistakes.', {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  return undefined;
}

/** `handler`, answering requests it cannot serve with a 4xx and a sentence instead. */
export function refuseUnservable(handler: Handler): Handler {
  return async (req, res, next) => {
    const refusal = refusalFor(req.method, req.url);
    if (!refusal) return handler(req, res, next);
    res.writeHead(refusal.status, Object.fromEntries(refusal.headers));
    res.end(await refusal.text());
  };
}
