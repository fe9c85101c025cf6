import type { APIRoute } from 'astro';
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
