/**
 * Identifies who is asking; each page and action checks access itself. Skips prerendered pages.
 * Refuses methods pages do not answer, cross-site form posts, calls to actions that do not exist
 * and JSON bodies that do not parse, and the programme team's actions to anyone else before their
 * input is read (as Astro's guide to gating actions shows). Marks every on-demand response as
 * personal so no shared cache keeps it.
 */
import { getActionContext } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';
import { server } from './actions';
import { actionPath, isAction } from './lib/action-name';
import { clientAddress } from './lib/client-address';
import { PAGE_METHODS, methodNotAllowed } from './lib/http-methods';
import { loginPath } from './lib/safe-redirect';
import { mayCallAction } from './server/access';
import { db, sessionLifetimes, siteUrl, trustedProxyHops } from './server/config';
import {
  clearSessionCookies,
  readSessionCookie,
  setSessionCookies,
} from './server/session-cookies';
import { validateSessionToken } from './server/sessions';

export const onRequest = defineMiddleware(async (context, next) => {
  const method = context.request.method;
  if (context.url.pathname.startsWith('/_actions/') && method !== 'POST')
    return methodNotAllowed(['POST']);
  if (!(PAGE_METHODS as readonly string[]).includes(method)) return methodNotAllowed(PAGE_METHODS);
  if (context.isPrerendered) return next();

  if (
    method !== 'GET' &&
    method !== 'HEAD' &&
    context.request.headers.get('sec-fetch-site') === 'cross-site'
  ) {
    return new Response('Cross-site requests cannot change anything here.', { status: 403 });
  }

  let socketAddress: string;
  try {
    socketAddress = context.clientAddress;
  } catch {
    // Under heavy load a client can hang up before its request is read: nobody is left to answer.
    return new Response('The connection closed before the request could be read.', { status: 400 });
  }
  context.locals.clientAddress = clientAddress(
    socketAddress,
    context.request.headers.get('x-forwarded-for'),
    trustedProxyHops,
  );
  const token = readSessionCookie(context.cookies, siteUrl);
  if (token) {
    const session = await validateSessionToken(db(), token, sessionLifetimes);
    if (session) {
      context.locals.user = session.user;
      context.locals.sessionId = session.id;
      if (session.renewed)
        setSessionCookies(context.cookies, siteUrl, { token, expiresAt: session.expiresAt });
    } else {
      clearSessionCookies(context.cookies, siteUrl);
    }
  }

  const { action } = getActionContext(context);
  if (action) {
    // Gate on the keys Astro will run, not on the name as sent: Astro decodes it once more.
    const path = actionPath(action.name);
    // A body-less 404 becomes the site's own "not found" page, the same as for any unknown address.
    if (!path || !isAction(server, path)) return markPersonal(new Response(null, { status: 404 }));
    const user = context.locals.user;
    if (!mayCallAction(user, path.join('.'))) {
      if (user) return markPersonal(new Response(null, { status: 404 }));
      if (action.calledFrom === 'form')
        return context.redirect(loginPath(context.url.pathname), 303);
      return markPersonal(new Response('Sign in to do that.', { status: 401 }));
    }
    const unreadable = await bodyProblem(context.request);
    if (unreadable) return markPersonal(unreadable);
  }

  return markPersonal(await next());
});

/**
 * A 4xx with a sentence for an action's body that Astro could not read: Astro throws on JSON that
 * does not parse (a 500), and answers a malformed form or another content type with an empty 415.
 * No content type, and a JSON body that is empty, are Astro's to answer, as it does with a sentence.
 */
async function bodyProblem(request: Request): Promise<Response | undefined> {
  const type = request.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase();
  const refuse = (status: number, sentence: string) =>
    new Response(sentence, {
      status,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  if (!type || type === 'application/x-www-form-urlencoded') return undefined;
  if (type === 'multipart/form-data') {
    const readable = await request
      .clone()
      .formData()
      .then(() => true)
      .catch(() => false);
    return readable
      ? undefined
      : refuse(400, 'The form could not be read. Reload the page and send it again.');
  }
  if (type === 'application/json') {
    const body = await request.clone().text();
    if (body.length === 0) return undefined;
    try {
      JSON.parse(body);
      return undefined;
    } catch {
      return refuse(400, 'The request body is not valid JSON. Send a JSON object or a form.');
    }
  }
  return refuse(415, 'This address takes a form or JSON, not this kind of content.');
}

/**
 * Adds `Cache-Control: private, no-store` and `Vary: Cookie`, copying a response whose headers are
 * immutable. Astro's Content-Security-Policy header replaces the production server's, so it gains
 * that header's `frame-ancestors 'none'`.
 */
function markPersonal(response: Response): Response {
  let marked = response;
  try {
    marked.headers.set('Cache-Control', 'private, no-store');
  } catch {
    marked = new Response(response.body, response);
    marked.headers.set('Cache-Control', 'private, no-store');
  }
  marked.headers.append('Vary', 'Cookie');
  const policy = marked.headers.get('Content-Security-Policy');
  if (policy && !policy.includes('frame-ancestors'))
    marked.headers.set(
      'Content-Security-Policy',
      `${policy.trim().replace(/;$/, '')}; frame-ancestors 'none'`,
    );
  return marked;
}
