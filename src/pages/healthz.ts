import type { APIRoute } from 'astro';
import { methodNotAllowed } from '~/lib/http-methods';
import { db } from '~/server/config';
import { checkHealth } from '~/server/health';

export const prerender = false;

export const GET: APIRoute = async () => {
  const health = await checkHealth(db);
  return Response.json(health, {
    status: health.status === 'ok' ? 200 : 503,
    headers: { 'Cache-Control': 'no-store' },
  });
};

// Astro sends HEAD to ALL before falling back to GET.
export const HEAD = GET;
export const ALL: APIRoute = () => methodNotAllowed(['GET', 'HEAD']);
