/**
 * Training progress: answering a knowledge-check question, saving a reflection, marking a module
 * complete or not, and choosing tracks. Every action acts on the signed-in person's own progress.
 * Scripts on module pages call these directly; plain forms on those static pages post to
 * `/me/progress`, which calls them and answers with a redirect.
 */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { loadCurriculum } from '~/curriculum/collections';
import { TRACK_CHOICES } from '~/lib/roles';
import { mayKeepProgress } from '~/server/access';
import { db } from '~/server/config';
import {
  chooseTracks,
  completeModule,
  MAX_REFLECTION_LENGTH,
  recordAnswer,
  reopenModule,
  saveReflection,
  viewOf,
} from '~/server/progress';
import type { SessionUser } from '~/server/sessions';
import { requireUser, withUserFacingErrors } from './access';

const RELOAD = 'Reload the page and try again.';
const contentId = z.string({ error: RELOAD }).min(1, RELOAD).max(80, RELOAD);

/** The signed-in person, whose own progress the action changes. */
function progressOwner(context: ActionAPIContext): SessionUser {
  const user = requireUser(context);
  if (!mayKeepProgress(user)) throw new ActionError({ code: 'NOT_FOUND', message: 'Not found.' });
  return user;
}

export const progress = {
  answer: defineAction({
    accept: 'form',
    input: z.object({
      moduleId: contentId,
      checkId: contentId,
      option: z
        .string({ error: 'Choose an answer, then check it.' })
        .max(
          2000,
          'That answer is not one of the options. Reload the page and choose one of them.',
        ),
    }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const user = progressOwner(context);
        const curriculum = await loadCurriculum();
        const workspace = await recordAnswer(db(), curriculum, user.id, input);
        return viewOf(curriculum.modules.get(input.moduleId)!, workspace);
      }),
  }),

  reflect: defineAction({
    accept: 'form',
    input: z.object({
      moduleId: contentId,
      promptId: contentId,
      // An emptied box arrives as null: saving it removes the reflection.
      text: z
        .string()
        .max(
          MAX_REFLECTION_LENGTH,
          `A reflection can be at most ${MAX_REFLECTION_LENGTH.toLocaleString('en-GB')} characters. Shorten it, then save again.`,
        )
        .nullish()
        .transform((text) => text ?? ''),
    }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const user = progressOwner(context);
        return saveReflection(db(), await loadCurriculum(), user.id, input);
      }),
  }),

  complete: defineAction({
    accept: 'form',
    input: z.object({ moduleId: contentId }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const user = progressOwner(context);
        const curriculum = await loadCurriculum();
        const workspace = await completeModule(db(), curriculum, user.id, input.moduleId);
        return viewOf(curriculum.modules.get(input.moduleId)!, workspace);
      }),
  }),

  reopen: defineAction({
    accept: 'form',
    input: z.object({ moduleId: contentId }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const user = progressOwner(context);
        const curriculum = await loadCurriculum();
        const workspace = await reopenModule(db(), curriculum, user.id, input.moduleId);
        return viewOf(curriculum.modules.get(input.moduleId)!, workspace);
      }),
  }),

  chooseTracks: defineAction({
    accept: 'form',
    input: z.object({
      choice: z.enum(TRACK_CHOICES, {
        error: 'Choose the mentor track, the mentee track or both.',
      }),
    }),
    handler: async (input, context) => {
      const user = progressOwner(context);
      await chooseTracks(db(), user.id, input.choice);
      return { choice: input.choice };
    },
  }),
};
