/** What every action does first: check who is asking, and turn refusals into the right HTTP status. */
import { ActionError, type ActionAPIContext } from 'astro:actions';
import { mayUseConsole } from '~/server/access';
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
  if (!mayUseConsole(user)) throw new ActionError({ code: 'NOT_FOUND', message: 'Not found.' });
  return user;
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
