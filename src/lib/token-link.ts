/**
 * Links in emails carry a token in their path. Opening one stores the token in a short-lived
 * cookie scoped to the form's path and redirects to an address without it, so the token never
 * sits in the address bar, the history or a Referer. Only the form's POST spends it.
 */
import type { AstroCookies } from 'astro';

export interface TokenLink {
  cookie: string;
  /** Where the form lives; the cookie is scoped to it. */
  formPath: string;
}

export const INVITATION_LINK: TokenLink = { cookie: 'flipside_invitation', formPath: '/invite/' };
export const RESET_LINK: TokenLink = { cookie: 'flipside_reset', formPath: '/reset/new-password/' };

/** Keeps the token in a cookie (HttpOnly, an hour at most, on the form's path only) and redirects to the form. */
export function openTokenLink(
  link: TokenLink,
  token: string,
  cookies: AstroCookies,
  siteUrl: string,
): Response {
  cookies.set(link.cookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: siteUrl.startsWith('https:'),
    path: link.formPath,
    maxAge: 60 * 60,
  });
  return new Response(null, {
    status: 303,
    headers: { Location: link.formPath, 'Referrer-Policy': 'no-referrer' },
  });
}
