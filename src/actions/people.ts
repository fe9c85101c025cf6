/** The programme team's people tools: invite, resend, the programme role, disable and enable. */
import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { db, siteUrl } from '~/server/config';
import { AlreadyInvited, inviteUser, resendInvitation } from '~/server/invitations';
import { setDisabled, setRole } from '~/server/people';
import { requireProgramme, withUserFacingErrors } from './access';
import { email, personName, userId } from './fields';

export const people = {
  invite: defineAction({
    accept: 'form',
    input: z.object({ email, name: personName }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        try {
          const { user } = await inviteUser(db(), siteUrl, {
            ...input,
            invitedBy: { id: actor.id, name: actor.name },
            clientAddress: context.locals.clientAddress,
          });
          return { email: user.email, alreadyInvited: undefined };
        } catch (error) {
          // Not a mistake to fix but a choice to offer: the page suggests sending it again.
          if (!(error instanceof AlreadyInvited)) throw error;
          const { id, name, email } = error.person;
          return { email, alreadyInvited: { userId: id, name } };
        }
      }),
  }),

  resend: defineAction({
    accept: 'form',
    input: z.object({ userId }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const { user } = await resendInvitation(db(), siteUrl, input.userId, {
          invitedBy: { id: actor.id, name: actor.name },
          clientAddress: context.locals.clientAddress,
        });
        return { email: user.email };
      }),
  }),

  setRole: defineAction({
    accept: 'form',
    input: z.object({
      userId,
      role: z.enum(['participant', 'programme'], { error: 'Reload the page and try again.' }),
    }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const changed = await setRole(db(), input.userId, input.role, {
          actorId: actor.id,
          clientAddress: context.locals.clientAddress,
        });
        return { userId: input.userId, role: input.role, changed };
      }),
  }),

  setDisabled: defineAction({
    accept: 'form',
    input: z.object({
      userId,
      disabled: z
        .enum(['true', 'false'], { error: 'Reload the page and try again.' })
        .transform((value) => value === 'true'),
    }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        await setDisabled(db(), input.userId, input.disabled, {
          actorId: actor.id,
          clientAddress: context.locals.clientAddress,
        });
        return { userId: input.userId, disabled: input.disabled };
      }),
  }),
};
