/** Where to send someone after signing in or out: only a path on this site, never another origin. */

const BASE = 'http://flipside.invalid';

/**
 * The normalised form of `candidate` if it is a same-origin path such as `/modules/x/?a=1`,
 * otherwise `fallback`. What is checked is what would be returned: `/.//evil.example` is a path
 * before normalisation and the protocol-relative `//evil.example` after it, so it is refused.
 */
export function safeRedirectPath(candidate: string | null | undefined, fallback = '/'): string {
  if (!candidate || !candidate.startsWith('/')) return fallback;
  // Browsers treat a backslash as a slash and drop tabs and newlines, so neither is worth keeping.
  if (candidate.includes('\\') || [...candidate].some((c) => c.charCodeAt(0) < 0x20))
    return fallback;
  let url: URL;
  try {
    url = new URL(candidate, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  const path = url.pathname + url.search + url.hash;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return fallback;
  return path;
}

/** The sign-in page, sending the person back to `pathname` afterwards. */
export function loginPath(pathname: string): string {
  return `/login/?next=${encodeURIComponent(pathname)}`;
}
