/**
 * Sign out from any page, static ones included: a plain form posts here, the logout action runs,
 * and the answer is a 303 back to a checked same-origin path.
 */
import type { APIRoute } from 'astro';
import { methodNotAllowed } from '~/lib/http-methods';
import { actions } from 'astro:actions';
import { safeRedirectPath } from '~/lib/safe-redirect';
import { submittedForm } from '~/lib/submitted-form';

export const prerender = false;

export const POST: APIRoute = async (context) => {
  const form = await submittedForm(context.request);
  const next = safeRedirectPath(String(form?.get('next') ?? ''), '/');
  if (context.locals.user) await context.callAction(actions.auth.logout, new FormData());
  return context.redirect(next, 303);
};

export const ALL: APIRoute = () => methodNotAllowed(['POST']);
