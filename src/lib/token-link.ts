/**
 * Links in emails carry a token in their path. Opening one stores the token in a short-lived
 * cookie scoped to the form's path and redirects to an address without it, so the token never
 * sits in the address bar, the history or a Referer. Only the form's POST spends it.
 */

export interface TokenLink {
  cookie: string;
  /** Where the form lives; the cookie is scoped to it. */
  formPath: string;
}

export const INVITATION_LINK: TokenLink = { cookie: 'flipside_invitation', formPath: '/invite/' };
export const RESET_LINK: TokenLink = { cookie: 'flipside_reset', formPath: '/reset/new-password/' };

/** The cookie's attributes: HttpOnly, same-site, an hour at most, on the form's path only. */
export function tokenCookieOptions(link: TokenLink, https: boolean) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: https,
    path: link.formPath,
    maxAge: 60 * 60,
  };
}
