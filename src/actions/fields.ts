/**
 * Form fields shared by several actions, each refusing bad input with a sentence saying what to fix.
 * A form sends an empty or missing field as null, so each field's type error carries its sentence too.
 */
import { z } from 'astro/zod';
import { MAX_PASSWORD_LENGTH } from '~/lib/password-rules';
import { newPasswordProblem } from '~/server/passwords';

const ENTER_EMAIL = 'Enter an email address such as name@example.org.';

export const email = z
  .string({ error: ENTER_EMAIL })
  .trim()
  .toLowerCase()
  .pipe(z.email(ENTER_EMAIL).max(254, 'That email address is too long.'));

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

// Control characters and format characters (Unicode category Cf): the bidirectional marks,
// embeddings, overrides and isolates that can make a name display as something else, and the
// invisible ones (zero-width space, word joiner, soft hyphen, byte-order mark, tag characters) that
// make two names look alike.
const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}]/u;
// Zero-width non-joiner and joiner are part of how Persian and the Indic scripts spell words, so
// they stay between two letters of those scripts (a narrower form of RFC 5892's CONTEXTJ rule).
const JOINING_SCRIPT = String.raw`[\p{sc=Arabic}\p{sc=Syriac}\p{sc=Deva}\p{sc=Beng}\p{sc=Guru}\p{sc=Gujr}\p{sc=Orya}\p{sc=Taml}\p{sc=Telu}\p{sc=Knda}\p{sc=Mlym}\p{sc=Sinh}]`;
const SPELLING_JOINER = new RegExp(
  `(?<=${JOINING_SCRIPT}\\p{M}*)[\u200C\u200D](?=${JOINING_SCRIPT})`,
  'gu',
);

/** Whether the name has a character that hides itself or changes how the rest displays. */
function hasHiddenCharacters(name: string): boolean {
  return HIDDEN_CHARACTERS.test(name.replace(SPELLING_JOINER, ''));
}

export const personName = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters for a name.')
  .refine(
    (name) => !hasHiddenCharacters(name),
    'Remove the hidden formatting characters from the name, then save it again.',
  );

export const userId = z.uuid('That person could not be found. Reload the page and try again.');

/** The token from an emailed link, carried in a hidden field. */
export const linkToken = z
  .string({ error: 'This link is incomplete. Open it again from your email.' })
  .max(200, 'This link is not valid. Open it again from your email.');
