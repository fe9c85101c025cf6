/**
 * Identifies who is asking; each page and action checks access itself. Skips prerendered pages.
 * Refuses cross-site form posts, and the programme team's actions to anyone else before their input
 * is read (as Astro's guide to gating actions shows). Marks every on-demand response as personal so
 * no shared cache keeps it.
 */
import { getActionContext } from 'astro:actions';
import { defineMiddleware } from 'astro:middleware';
import { clientAddress } from './lib/client-address';
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
  if (context.isPrerendered) return next();

  const method = context.request.method;
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
  const user = context.locals.user;
  if (action && !mayCallAction(user, action.name)) {
    if (user) return markPersonal(new Response('Not found.', { status: 404 }));
    if (action.calledFrom === 'form') return context.redirect(loginPath(context.url.pathname), 303);
    return markPersonal(new Response('Sign in to do that.', { status: 401 }));
  }

  return markPersonal(await next());
});

/** Adds `Cache-Control: private, no-store` and `Vary: Cookie`, copying a response whose headers are immutable. */
function markPersonal(response: Response): Response {
  let marked = response;
  try {
    marked.headers.set('Cache-Control', 'private, no-store');
  } catch {
    marked = new Response(response.body, response);
    marked.headers.set('Cache-Control', 'private, no-store');
  }
  marked.headers.append('Vary', 'Cookie');
  return marked;
}
