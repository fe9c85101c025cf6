/**
 * Form fields shared by several actions, each refusing bad input with a sentence saying what to fix.
 * A form sends an empty or missing field as null, so each field's type error carries its sentence too.
 */
import { z } from 'astro/zod';
import { MAX_PASSWORD_LENGTH } from '~/lib/password-rules';
import { newPasswordProblem } from '~/server/passwords';

export { email, personName, plainText } from '~/lib/text-fields';

/** A password being checked rather than chosen: only a hard cap against abuse. */
const passwordToCheck = (missing: string) =>
  z
    .string({ error: missing })
    .min(1, missing)
    .max(MAX_PASSWORD_LENGTH * 4, 'That password is too long.');

export const password = passwordToCheck('Enter a password.');
export const currentPassword = passwordToCheck('Enter your current password.');

/** A password someone is choosing, refused with the rule it breaks so the form shows it beside the field. */
export const newPassword = z
  .string({ error: newPasswordProblem('') })
  .superRefine((value, context) => {
    const problem = newPasswordProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  });

export const userId = z.uuid('That person could not be found. Reload the page and try again.');

/** The id of a thing on the page (a wave, an event), carried in a hidden field. */
export const entityId = (notFound: string) => z.uuid(notFound);

/** The token from an emailed link, carried in a hidden field. */
export const linkToken = z
  .string({ error: 'This link is incomplete. Open it again from your email.' })
  .max(200, 'This link is not valid. Open it again from your email.');
