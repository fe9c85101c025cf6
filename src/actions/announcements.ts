/** Announcements on a wave's cohort page: post, edit and remove. */
import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import {
  MAX_BODY_LENGTH,
  MAX_TITLE_LENGTH,
  editAnnouncement,
  postAnnouncement,
  removeAnnouncement,
} from '~/server/announcements';
import { db } from '~/server/config';
import { requireProgramme, withUserFacingErrors } from './access';
import { entityId, plainText } from './fields';

const waveId = entityId('That wave could not be found. Reload the page and try again.');
const announcementId = entityId('That announcement could not be found. Reload the page.');
const text = z.object({
  title: plainText('a title', MAX_TITLE_LENGTH),
  body: z
    .string({ error: 'Write the announcement.' })
    .trim()
    .min(1, 'Write the announcement.')
    .max(MAX_BODY_LENGTH, `Use at most ${MAX_BODY_LENGTH.toLocaleString('en-GB')} characters.`),
});

export const announcements = {
  post: defineAction({
    accept: 'form',
    input: text.extend({ waveId }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const { waveId: id, ...content } = input;
        const posted = await postAnnouncement(db(), id, content, {
          id: actor.id,
          clientAddress: context.locals.clientAddress,
        });
        return { title: posted.title };
      }),
  }),

  edit: defineAction({
    accept: 'form',
    input: text.extend({ waveId, announcementId }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const { waveId: id, announcementId: announcement, ...content } = input;
        const edited = await editAnnouncement(db(), id, announcement, content, {
          id: actor.id,
          clientAddress: context.locals.clientAddress,
        });
        return { title: edited.title };
      }),
  }),

  remove: defineAction({
    accept: 'form',
    input: z.object({ waveId, announcementId }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const removed = await removeAnnouncement(db(), input.waveId, input.announcementId, {
          id: actor.id,
          clientAddress: context.locals.clientAddress,
        });
        return { title: removed.title };
      }),
  }),
};
