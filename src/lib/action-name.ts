/**
 * The action Astro will run for a request, worked out the way Astro 7 works it out, so a check in
 * the middleware sees exactly what Astro runs. Astro takes the name from the path after `/_actions/`
 * (or the `_action` query parameter of a form post), drops one trailing slash (trailingSlash
 * 'ignore' with the directory build format, as astro.config.mjs has it), splits it at dots and
 * percent-decodes each part again, then walks the `server` export of src/actions by those keys
 * (astro/dist/actions/load.js, `getAction`). So `%70eople.invite` runs `people.invite`.
 */

// Astro refuses these keys itself; walking them would reach Object's prototype.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** The keys Astro looks the action up by, or undefined when Astro would fail to decode the name. */
export function actionPath(name: string): string[] | undefined {
  const trimmed = name.endsWith('/') ? name.slice(0, -1) : name;
  try {
    return trimmed.split('.').map((key) => decodeURIComponent(key));
  } catch {
    return undefined;
  }
}

/** Whether `path` names an action (a function) in `server`, rather than a namespace or nothing. */
export function isAction(server: object, path: readonly string[]): boolean {
  let node: unknown = server;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return false;
    if (FORBIDDEN_KEYS.has(key) || !Object.hasOwn(node, key)) return false;
    node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'function';
}
