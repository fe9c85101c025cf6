/**
 * The people in a wave: add one, preview and import many from CSV, withdraw, reinstate, change a
 * role and resend an invitation. Every email these send is queued, never sent inside the request.
 */
import { ActionError, defineAction, type ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { MAX_IMPORT_BYTES } from '~/lib/roster-import';
import { WAVE_ROLES } from '~/lib/roles';
import { db, siteUrl } from '~/server/config';
import {
  addMember,
  changeMemberRole,
  MAX_REASON_LENGTH,
  reinstateMember,
  resendMemberInvitation,
  withdrawMember,
} from '~/server/memberships';
import { importRoster, previewRoster } from '~/server/roster-import';
import type { Sender } from '~/server/wave-mail';
import { findWaveById } from '~/server/waves';
import { requireProgramme, withUserFacingErrors } from './access';
import { email, entityId, personName } from './fields';

const waveId = entityId('That wave could not be found. Reload the page and try again.');
const membershipId = entityId('That person could not be found in this wave. Reload the page.');
const role = z.enum(WAVE_ROLES, { error: `Choose a role: ${WAVE_ROLES.join(', ')}.` });
const optional = (max: number, what: string) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters for the ${what}.`)
    .nullish()
    .transform((value) => value || null);

/** The programme member acting, as the sender of the emails a change queues. */
function senderFor(context: ActionAPIContext): Sender {
  const actor = requireProgramme(context);
  return {
    actor: { id: actor.id, name: actor.name, clientAddress: context.locals.clientAddress },
    siteUrl,
  };
}

/** The CSV as pasted text or an uploaded file; a form with no file chosen sends an empty one. */
const csvInput = z.object({
  waveId,
  csv: z
    .string()
    .max(MAX_IMPORT_BYTES * 2)
    .nullish(),
  file: z.instanceof(File).nullish(),
});

async function readCsv(input: z.infer<typeof csvInput>): Promise<Uint8Array | string> {
  if (input.file && input.file.size > 0) return new Uint8Array(await input.file.arrayBuffer());
  if (input.csv?.trim()) return input.csv;
  throw new ActionError({
    code: 'BAD_REQUEST',
    message: 'Choose a CSV file, or paste its rows into the box.',
  });
}

async function requireWave(id: string) {
  const wave = await findWaveById(db(), id);
  if (!wave)
    throw new ActionError({
      code: 'NOT_FOUND',
      message: 'That wave no longer exists. Reload the page.',
    });
  return wave;
}

export const members = {
  add: defineAction({
    accept: 'form',
    input: z.object({
      waveId,
      email,
      name: personName,
      role,
      team: optional(100, 'team'),
      lineOfBusiness: optional(100, 'line of business'),
      location: optional(100, 'location'),
    }),
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const sender = senderFor(context);
        const { waveId: id, ...person } = input;
        const { invited } = await addMember(db(), id, person, sender);
        return { email: person.email, name: person.name, invited };
      }),
  }),

  preview: defineAction({
    accept: 'form',
    input: csvInput,
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        requireProgramme(context);
        const wave = await requireWave(input.waveId);
        const csv = await readCsv(input);
        const preview = await previewRoster(db(), wave, csv);
        return {
          ...preview,
          existingAccounts: [...preview.existingAccounts],
          // The confirmation posts the file's text again, decoded, for the import to check anew.
          csv: typeof csv === 'string' ? csv : new TextDecoder().decode(csv),
        };
      }),
  }),

  import: defineAction({
    accept: 'form',
    input: csvInput,
    handler: (input, context) =>
      withUserFacingErrors(async () => {
        const sender = senderFor(context);
        return importRoster(db(), input.waveId, await readCsv(input), sender);
      }),
  }),

  withdraw: defineAction({
    accept: 'form',
    input: z.object({
      waveId,
      membershipId,
      reason: z
        .string()
        .trim()
        .max(MAX_REASON_LENGTH, `Use at most ${MAX_REASON_LENGTH} characters for the reason.`)
        .nullish()
        .transform((value) => value ?? ''),
    }),
    handler: (input, context) =>
      withUserFacingErrors(async () =>
        withdrawMember(db(), input.waveId, input.membershipId, input.reason, senderFor(context)),
      ),
  }),

  reinstate: defineAction({
    accept: 'form',
    input: z.object({ waveId, membershipId }),
    handler: (input, context) =>
      withUserFacingErrors(async () =>
        reinstateMember(db(), input.waveId, input.membershipId, senderFor(context)),
      ),
  }),

  resend: defineAction({
    accept: 'form',
    input: z.object({ waveId, membershipId }),
    handler: (input, context) =>
      withUserFacingErrors(async () =>
        resendMemberInvitation(db(), input.waveId, input.membershipId, senderFor(context)),
      ),
  }),

  changeRole: defineAction({
    accept: 'form',
    input: z.object({ waveId, membershipId, role }),
    handler: (input, context) =>
      withUserFacingErrors(async () =>
        changeMemberRole(db(), input.waveId, input.membershipId, input.role, senderFor(context)),
      ),
  }),
};
