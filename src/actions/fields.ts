/** Form fields shared by several actions, each refusing bad input with a sentence saying what to fix. */
import { z } from 'astro/zod';
import { MAX_PASSWORD_LENGTH } from '~/lib/password-rules';
import { newPasswordProblem } from '~/server/passwords';

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(
    z
      .email('Enter an email address such as name@example.org.')
      .max(254, 'That email address is too long.'),
  );

/** A password being checked, such as at sign-in: only a hard cap against abuse. */
export const password = z
  .string()
  .min(1, 'Enter a password.')
  .max(MAX_PASSWORD_LENGTH * 4, 'That password is too long.');

/** A password someone is choosing, refused with the rule it breaks so the form shows it beside the field. */
export const newPassword = z.string().superRefine((value, context) => {
  const problem = newPasswordProblem(value);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});

export const personName = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters for a name.');

export const userId = z.uuid('That person could not be found. Reload the page.');
