/** A person's own secret calendar link: renewing it stops the old one working. */
import { defineAction } from 'astro:actions';
import { renewCalendarToken } from '~/server/calendar-feeds';
import { db } from '~/server/config';
import { requireUser } from './access';

export const calendar = {
  renewLink: defineAction({
    accept: 'form',
    handler: async (_input, context) => {
      const user = requireUser(context);
      await renewCalendarToken(db(), user.id, context.locals.clientAddress);
      return { renewed: true };
    },
  }),
};
