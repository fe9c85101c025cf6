/** The HTTP methods Flipside answers, and the sentence it gives for any other. */

/** What pages accept: reading, and posting their forms. */
export const PAGE_METHODS = ['GET', 'HEAD', 'POST'] as const;

/** 405 with the methods the address does accept, in `Allow` and in words. */
export function methodNotAllowed(allow: readonly string[]): Response {
  const listed =
    allow.length === 1 ? allow[0] : `${allow.slice(0, -1).join(', ')} and ${allow.at(-1)}`;
  return new Response(`This address answers only ${listed} requests.`, {
    status: 405,
    headers: { Allow: allow.join(', '), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}
