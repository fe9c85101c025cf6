/** Where to send someone after signing in: only a path on this site, never another origin. */

/** `candidate` if it is a same-origin path such as `/modules/x/?a=1`, otherwise `fallback`. */
export function safeRedirectPath(candidate: string | null | undefined, fallback = '/'): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//')) return fallback;
  if (candidate.includes('\\') || [...candidate].some((c) => c.charCodeAt(0) < 0x20))
    return fallback;
  try {
    const url = new URL(candidate, 'http://flipside.invalid');
    if (url.origin !== 'http://flipside.invalid') return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}

/** The sign-in page, sending the person back to `pathname` afterwards. */
export function loginPath(pathname: string): string {
  return `/login/?next=${encodeURIComponent(pathname)}`;
}
