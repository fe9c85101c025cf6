/**
 * The browser's side of a session: the HttpOnly session cookie (`__Host-` over HTTPS) and beside it
 * the script-readable hint that someone is signed in, set, renewed and cleared together; and the
 * trusted-device cookie (src/server/trusted-devices.ts), which outlives sessions and signing out.
 */
import type { AstroCookies } from 'astro';
import { SIGNED_IN_HINT } from '../lib/session-policy.ts';

/** The session cookie's name for the site's address: `__Host-` needs HTTPS. */
export function sessionCookieName(siteUrl: string): string {
  return isHttps(siteUrl) ? '__Host-flipside_session' : 'flipside_session';
}

/** The session token the browser sent, if any. */
export function readSessionCookie(cookies: AstroCookies, siteUrl: string): string | undefined {
  return cookies.get(sessionCookieName(siteUrl))?.value;
}

/** Sets (or renews) the session cookie and the hint: HttpOnly, SameSite=Lax, Path=/, Secure over HTTPS. */
export function setSessionCookies(
  cookies: AstroCookies,
  siteUrl: string,
  session: { token: string; expiresAt: number },
): void {
  const options = {
    httpOnly: true,
    sameSite: 'lax' as const,
    path: '/',
    secure: isHttps(siteUrl),
    expires: new Date(session.expiresAt),
  };
  cookies.set(sessionCookieName(siteUrl), session.token, options);
  cookies.set(SIGNED_IN_HINT, '1', { ...options, httpOnly: false });
}

/** Removes the session cookie and the hint. */
export function clearSessionCookies(cookies: AstroCookies, siteUrl: string): void {
  cookies.delete(sessionCookieName(siteUrl), { path: '/' });
  cookies.delete(SIGNED_IN_HINT, { path: '/' });
}

/** The trusted-device cookie's name for the site's address. */
export function deviceCookieName(siteUrl: string): string {
  return isHttps(siteUrl) ? '__Host-flipside_device' : 'flipside_device';
}

/** The trusted-device token the browser sent, if any. */
export function readDeviceCookie(cookies: AstroCookies, siteUrl: string): string | undefined {
  return cookies.get(deviceCookieName(siteUrl))?.value;
}

/** Sets (or renews) the trusted-device cookie: HttpOnly, SameSite=Strict, Path=/, Secure over HTTPS. */
export function setDeviceCookie(
  cookies: AstroCookies,
  siteUrl: string,
  device: { token: string; expiresAt: number },
): void {
  cookies.set(deviceCookieName(siteUrl), device.token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: isHttps(siteUrl),
    expires: new Date(device.expiresAt),
  });
}

function isHttps(siteUrl: string): boolean {
  return siteUrl.startsWith('https:');
}
