/**
 * Identifies who is asking; each page and action checks access itself. Skips prerendered pages.
 * Refuses methods pages do not answer, cross-site form posts, calls to actions that do not exist
 * and JSON bodies that do not parse, and the programme team's actions to anyone else before their
 * input is read (as Astro's guide to gating actions shows). Marks every on-demand response as
 * personal so no shared cache keeps it.
 */
import { getActionContext, type ActionAPIContext } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';
import { server } from './actions';
import { isProgrammeAction } from './actions/access';
import { actionPath, isAction } from './lib/action-name';
import { clientAddress } from './lib/client-address';
import { PAGE_METHODS, methodNotAllowed } from './lib/http-methods';
import { loginPath } from './lib/safe-redirect';
import { SIGNED_IN_HINT } from './lib/session-policy';
import { db, sessionLifetimes, siteUrl, trustedProxyHops } from './server/config';
import { sessionCookieName, sessionCookieOptions, validateSessionToken } from './server/sessions';

const cookieName = sessionCookieName(siteUrl);

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

  context.locals.clientAddress = clientAddress(
    context.clientAddress,
    context.request.headers.get('x-forwarded-for'),
    trustedProxyHops,
  );
  const token = context.cookies.get(cookieName)?.value;
  if (token) {
    const session = await validateSessionToken(db(), token, sessionLifetimes);
    if (session) {
      context.locals.user = session.user;
      context.locals.sessionId = session.id;
      if (session.renewed) {
        const options = sessionCookieOptions(siteUrl, session.expiresAt);
        context.cookies.set(cookieName, token, options);
        context.cookies.set(SIGNED_IN_HINT, '1', { ...options, httpOnly: false });
      }
    } else {
      context.cookies.delete(cookieName, { path: '/' });
      context.cookies.delete(SIGNED_IN_HINT, { path: '/' });
    }
  }

  const { action } = getActionContext(context);
  if (action) {
    // Gate on the keys Astro will run, not on the name as sent: Astro decodes it once more.
    const path = actionPath(action.name);
    // A body-less 404 becomes the site's own "not found" page, the same as for any unknown address.
    if (!path || !isAction(server, path)) return markPersonal(new Response(null, { status: 404 }));
    const user = context.locals.user;
    if (isProgrammeAction(path) && user?.role !== 'programme') {
      if (user) return markPersonal(new Response(null, { status: 404 }));
      if (action.calledFrom === 'form')
        return context.redirect(loginPath(context.url.pathname), 303);
      return markPersonal(new Response('Sign in to do that.', { status: 401 }));
    }
    if (!(await hasReadableJson(context.request))) {
      return markPersonal(
        new Response('The request body is not valid JSON. Send a JSON object or a form.', {
          status: 400,
          headers: { 'Content-Type': 'text/plain; charset=utf-8' },
        }),
      );
    }
  }

  return markPersonal(await next());
});

/**
 * False for a JSON body Astro would fail to parse (it throws, which would answer 500). An empty
 * body counts as none, as Astro treats it; other content types are Astro's to refuse with a 415.
 */
async function hasReadableJson(request: ActionAPIContext['request']): Promise<boolean> {
  const type = request.headers.get('content-type')?.split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') return true;
  const body = await request.clone().text();
  if (body.length === 0) return true;
  try {
    JSON.parse(body);
    return true;
  } catch {
    return false;
  }
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
