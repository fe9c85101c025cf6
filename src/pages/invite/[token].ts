/** The link in an invitation email: keeps the token in a cookie and moves to a clean address. Spends nothing. */
import type { APIRoute } from 'astro';
import { INVITATION_LINK, tokenCookieOptions } from '~/lib/token-link';
import { siteUrl } from '~/server/config';

export const prerender = false;

export const GET: APIRoute = ({ params, cookies }) => {
  cookies.set(
    INVITATION_LINK.cookie,
    params.token ?? '',
    tokenCookieOptions(INVITATION_LINK, siteUrl.startsWith('https:')),
  );
  return new Response(null, {
    status: 303,
    headers: { Location: INVITATION_LINK.formPath, 'Referrer-Policy': 'no-referrer' },
  });
};
