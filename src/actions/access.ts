/** What every action does first: check who is asking, and turn refusals into the right HTTP status. */
import { ActionError, type ActionAPIContext } from 'astro:actions';
import type { SessionUser } from '~/server/sessions';
import { UserFacingError } from '~/server/errors';

/** The signed-in person, or an UNAUTHORIZED refusal. */
export function requireUser(context: ActionAPIContext): SessionUser {
  const user = context.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'Sign in to do that.' });
  return user;
}

/** A signed-in member of the programme team; to anyone else the action does not exist. */
export function requireProgramme(context: ActionAPIContext): SessionUser {
  const user = requireUser(context);
  if (user.role !== 'programme')
    throw new ActionError({ code: 'NOT_FOUND', message: 'Not found.' });
  return user;
}

/** The namespaces of `server` in `index.ts` whose actions only the programme team may call. */
const PROGRAMME_NAMESPACES = ['people'];

/**
 * Whether an action, by the keys Astro runs it by (`actionPath` in lib/action-name.ts), is one of
 * the programme team's tools. Middleware refuses these to anyone else before Astro validates their
 * input, so a refusal never describes what the action expects.
 */
export function isProgrammeAction(path: readonly string[]): boolean {
  return PROGRAMME_NAMESPACES.includes(path[0]!);
}

/** Runs server work, turning a sentence it throws for the person into an ActionError with its status. */
export async function withUserFacingErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserFacingError)
      throw new ActionError({ code: error.code, message: error.message });
    throw error;
  }
}
