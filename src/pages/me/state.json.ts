/**
 * Everything personal on a static page, in the one request a signed-in page view makes: the header's
 * name, the sidebar's marks for completed modules, and with `?module=<moduleId>` that module's
 * workspace (status, graded answers, reflections). Pages ask only when the signed-in hint cookie is
 * there, so a signed-out view makes no request at all.
 *
 * Why this and not server islands (`server:defer`): an island's placeholder fetches its HTML on every
 * page view, signed in or not (Astro also adds a preload link for it to the page's head), and each
 * island is a request of its own, so the header, the sidebar and the workspace would be three. This
 * endpoint is asked once, and only by signed-in readers. Measured per request as well, the same
 * workspace rendered as an island answered 601 requests a second (p99 232 ms) against 890 (p99 136 ms)
 * for this JSON, at 50 connections in one interleaved autocannon run (README, "How the personal parts
 * of a static page arrive").
 */
import type { APIRoute } from 'astro';
import { methodNotAllowed } from '~/lib/http-methods';
import { loadCurriculum } from '~/curriculum/collections';
import { mayKeepProgress } from '~/server/access';
import { db } from '~/server/config';
import { readPageState, viewOf } from '~/server/progress';

export const prerender = false;

/**
 * A JSON answer that says how long it is: compression leaves answers under its threshold alone only
 * when it knows their length, and this one is usually a few hundred bytes.
 */
function json(value: unknown, status = 200): Response {
  const body = JSON.stringify(value);
  return new Response(body, {
    status,
    headers: {
      'Content-Type': 'application/json',
      'Content-Length': String(new TextEncoder().encode(body).byteLength),
    },
  });
}

export const GET: APIRoute = async ({ locals, url }) => {
  const user = locals.user;
  if (!mayKeepProgress(user)) return json({ user: null });
  const curriculum = await loadCurriculum();
  const moduleId = url.searchParams.get('module');
  const module = moduleId ? curriculum.modules.get(moduleId) : undefined;
  if (moduleId && !module) {
    return json(
      { error: 'That module is not part of the training any more. Reload the page.' },
      404,
    );
  }
  const { completed, workspace } = await readPageState(db(), curriculum, user.id, module);
  return json({
    user: { name: user.name, role: user.role },
    completed,
    workspace: module && workspace && viewOf(module, workspace),
  });
};

// Astro sends HEAD to ALL before falling back to GET.
export const HEAD = GET;
export const ALL: APIRoute = () => methodNotAllowed(['GET', 'HEAD']);
