/**
 * My data: everything Flipside keeps about the signed-in person, as a JSON download. Only ever their
 * own; signed out, the sign-in page, which comes back here.
 */
import type { APIRoute } from 'astro';
import { methodNotAllowed } from '~/lib/http-methods';
import { loginPath } from '~/lib/safe-redirect';
import { mayKeepProgress } from '~/server/access';
import { db } from '~/server/config';
import { exportMyData } from '~/server/my-data';

export const prerender = false;

export const GET: APIRoute = async ({ locals, redirect, url }) => {
  const user = locals.user;
  if (!mayKeepProgress(user)) return redirect(loginPath(url.pathname), 303);
  const data = await exportMyData(db(), user.id);
  if (!data) return new Response(null, { status: 404 });
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="flipside-my-data-${data.exportedAt.slice(0, 10)}.json"`,
    },
  });
};

// Astro sends HEAD to ALL before falling back to GET.
export const HEAD = GET;
export const ALL: APIRoute = () => methodNotAllowed(['GET', 'HEAD']);
