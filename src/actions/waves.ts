/** The programme team's waves and their schedules: create, change and close a wave; add, change and remove events. */
import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { loadKnowledgeSessionPages, loadMasterSchedule } from '~/curriculum/collections';
import { EVENT_KINDS } from '~/lib/event-kinds';
import { slugFrom } from '~/lib/wave-rules';
import { db } from '~/server/config';
import { addEvent, removeEvent, updateEvent } from '~/server/wave-events';
import { closeWave, createWave, MAX_CADENCE_WEEKS, updateWave } from '~/server/waves';
import { requireProgramme, withUserFacingErrors } from './access';
import { entityId, plainText } from './fields';

const waveId = entityId('That wave could not be found. Reload the page and try again.');
const eventId = entityId('That event could not be found. Reload the page and try again.');

const waveDetails = z.object({
  name: plainText('a name for the wave', 80),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .max(60, 'Use at most 60 characters for the address name.')
    .nullish(),
  startsOn: z.string({ error: 'Enter the start date.' }).trim(),
  endsOn: z.string({ error: 'Enter the end date.' }).trim(),
  cadenceWeeks: z.coerce
    .number({ error: `Enter how many weeks apart pairs meet, from 1 to ${MAX_CADENCE_WEEKS}.` })
    .int(`Enter a whole number of weeks, from 1 to ${MAX_CADENCE_WEEKS}.`)
    .min(1, `Enter a whole number of weeks, from 1 to ${MAX_CADENCE_WEEKS}.`)
    .max(MAX_CADENCE_WEEKS, `Enter a whole number of weeks, from 1 to ${MAX_CADENCE_WEEKS}.`),
  timeZone: z.string({ error: 'Choose a time zone.' }).trim().max(64),
});

/** The details with the slug the name suggests when none was given. */
function withSlug<T extends { name: string; slug?: string | null | undefined }>(details: T) {
  return { ...details, slug: details.slug || slugFrom(details.name) };
}

const eventDetails = z.object({
  kind: z.enum(EVENT_KINDS, { error: 'Choose what kind of event this is.' }),
  title: plainText('a title for the event', 120),
  date: z.string({ error: 'Enter the date of the event.' }).trim().max(10),
  time: z
    .string({ error: 'Enter the time the event starts, such as 10:00.' })
    .trim()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time the event starts, such as 10:00.'),
  durationMinutes: z.coerce
    .number({ error: 'Enter how long the event lasts, in minutes.' })
    .int('Enter how long the event lasts, in whole minutes.'),
  place: z
    .string()
    .trim()
    .max(300, 'Use at most 300 characters for the place or link.')
    .nullish()
    .transform((value) => value || null),
  pageSlug: z
    .string()
    .trim()
    .max(120)
    .nullish()
    .transform((value) => value || null),
});

function eventFrom(input: z.infer<typeof eventDetails>) {
  const { date, time, ...rest } = input;
  return { ...rest, startsAt: `${date}T${time}` };
}

const actorOf = (user: { id: string }, clientAddress: string) => ({ id: user.id, clientAddress });

export const waves = {
  create: defineAction({
    accept: 'form',
    input: waveDetails,
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const { wave, leftOut } = await createWave(
          db(),
          withSlug(input),
          await loadMasterSchedule(),
          actorOf(actor, context.locals.clientAddress),
        );
        return { slug: wave.slug, name: wave.name, leftOut };
      }),
  }),

  update: defineAction({
    accept: 'form',
    input: waveDetails.extend({
      waveId,
      phase: z.enum(['planned', 'active', 'review'], {
        error: 'Choose planned, active or in review. To close the wave, use "Close this wave".',
      }),
    }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const { waveId: id, ...details } = input;
        const wave = await updateWave(
          db(),
          id,
          withSlug(details),
          actorOf(actor, context.locals.clientAddress),
        );
        return { slug: wave.slug, name: wave.name };
      }),
  }),

  close: defineAction({
    accept: 'form',
    input: z.object({ waveId }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const { wave, completed } = await closeWave(
          db(),
          input.waveId,
          actorOf(actor, context.locals.clientAddress),
        );
        return { slug: wave.slug, name: wave.name, completed };
      }),
  }),
};

export const schedule = {
  add: defineAction({
    accept: 'form',
    input: eventDetails.extend({ waveId }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const { waveId: id, ...details } = input;
        const event = await addEvent(
          db(),
          id,
          eventFrom(details),
          await loadKnowledgeSessionPages(),
          actorOf(actor, context.locals.clientAddress),
        );
        return { title: event.title };
      }),
  }),

  update: defineAction({
    accept: 'form',
    input: eventDetails.extend({ waveId, eventId }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const { waveId: id, eventId: event, ...details } = input;
        const updated = await updateEvent(
          db(),
          id,
          event,
          eventFrom(details),
          await loadKnowledgeSessionPages(),
          actorOf(actor, context.locals.clientAddress),
        );
        return { title: updated.title };
      }),
  }),

  remove: defineAction({
    accept: 'form',
    input: z.object({ waveId, eventId }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const actor = requireProgramme(context);
        const removed = await removeEvent(
          db(),
          input.waveId,
          input.eventId,
          actorOf(actor, context.locals.clientAddress),
        );
        return { title: removed.title };
      }),
  }),
};
