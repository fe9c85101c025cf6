/** The link in an invitation email: keeps the token in a cookie and moves to a clean address. Spends nothing. */
import type { APIRoute } from 'astro';
import { methodNotAllowed } from '~/lib/http-methods';
import { INVITATION_LINK, openTokenLink } from '~/lib/token-link';
import { siteUrl } from '~/server/config';

export const prerender = false;

export const GET: APIRoute = ({ params, cookies }) =>
  openTokenLink(INVITATION_LINK, params.token ?? '', cookies, siteUrl);

// Astro sends HEAD to ALL before falling back to GET.
export const HEAD = GET;
export const ALL: APIRoute = () => methodNotAllowed(['GET', 'HEAD']);
