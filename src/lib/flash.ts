/**
 * A message for the next page view only (post/redirect/get): a page that handled a form post keeps
 * what to say in a short-lived cookie scoped to its own path and redirects to its clean address,
 * which shows the message once and forgets it. Reloading that address sends nothing again.
 */
import type { AstroCookies } from 'astro';

const COOKIE = 'flipside_flash';
const LIFETIME_SECONDS = 60;

/** Keeps `message` for the next view of `path`. HttpOnly, so page scripts cannot read it. */
export function keepFlash<T extends object>(
  cookies: AstroCookies,
  path: string,
  message: T,
  secure: boolean,
): void {
  cookies.set(COOKIE, message, {
    path,
    httpOnly: true,
    sameSite: 'lax',
    secure,
    maxAge: LIFETIME_SECONDS,
  });
}

/** The message kept for this view of `path`, removed so a reload does not show it again. */
export function takeFlash<T extends object>(cookies: AstroCookies, path: string): Partial<T> {
  const kept = cookies.get(COOKIE);
  if (!kept) return {};
  cookies.delete(COOKIE, { path });
  try {
    const message: unknown = kept.json();
    return typeof message === 'object' && message !== null ? (message as Partial<T>) : {};
  } catch {
    return {};
  }
}
