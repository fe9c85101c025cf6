/**
 * Who is signed in, for the header of static pages: one small request per page view, made only
 * when the signed-in hint cookie is there.
 */
import type { APIRoute } from 'astro';
import { methodNotAllowed } from '~/lib/http-methods';

export const prerender = false;

export const GET: APIRoute = ({ locals }) =>
  Response.json({ user: locals.user ? { name: locals.user.name, role: locals.user.role } : null });

// Astro sends HEAD to ALL before falling back to GET.
export const HEAD = GET;
export const ALL: APIRoute = () => methodNotAllowed(['GET', 'HEAD']);
