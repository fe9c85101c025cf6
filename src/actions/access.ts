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

/** A signed-in member of the programme team, or a refusal. */
export function requireProgramme(context: ActionAPIContext): SessionUser {
  const user = requireUser(context);
  if (user.role !== 'programme')
    throw new ActionError({ code: 'FORBIDDEN', message: 'Only the programme team can do that.' });
  return user;
}

/** Runs a server function, turning a sentence it throws for the person into an ActionError. */
export async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UserFacingError)
      throw new ActionError({ code: error.code, message: error.message });
    throw error;
  }
}
