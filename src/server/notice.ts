/**
 * Post/redirect/get for the console's forms: a change that worked answers 303 to a clean address
 * and leaves its confirmation in a short-lived cookie, which the next page shows once and clears.
 * Reloading that page then sends nothing again.
 */
import type { AstroCookies } from 'astro';

const NOTICE_COOKIE = 'flipside_notice';
const MAX_NOTICE_LENGTH = 1000;

/** Leaves a confirmation for the page the browser is redirected to. */
export function leaveNotice(cookies: AstroCookies, message: string, https: boolean): void {
  cookies.set(NOTICE_COOKIE, message.slice(0, MAX_NOTICE_LENGTH), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: https,
    maxAge: 60,
  });
}

/** The confirmation left by the change before the redirect, cleared as it is read. */
export function takeNotice(cookies: AstroCookies): string | undefined {
  const message = cookies.get(NOTICE_COOKIE)?.value;
  if (message === undefined) return undefined;
  cookies.delete(NOTICE_COOKIE, { path: '/' });
  return message;
}
