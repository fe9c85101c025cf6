/** The link in a password-reset email: keeps the token in a cookie and moves to a clean address. Spends nothing. */
import type { APIRoute } from 'astro';
import { RESET_LINK, tokenCookieOptions } from '~/lib/token-link';
import { siteUrl } from '~/server/config';

export const prerender = false;

export const GET: APIRoute = ({ params, cookies }) => {
  cookies.set(
    RESET_LINK.cookie,
    params.token ?? '',
    tokenCookieOptions(RESET_LINK, siteUrl.startsWith('https:')),
  );
  return new Response(null, {
    status: 303,
    headers: { Location: RESET_LINK.formPath, 'Referrer-Policy': 'no-referrer' },
  });
};
