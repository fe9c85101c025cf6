/**
 * Who is signed in, for the header of static pages: one small request per page view, made only
 * when the signed-in hint cookie is there.
 */
import type { APIRoute } from 'astro';

export const prerender = false;

export const GET: APIRoute = ({ locals }) =>
  Response.json({ user: locals.user ? { name: locals.user.name, role: locals.user.role } : null });
