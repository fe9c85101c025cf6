/**
 * The rules for text people type, wherever it comes from: a form (through `src/actions/fields.ts`)
 * or a row of an imported CSV file. Each refuses with a sentence saying what to fix.
 */
import { z } from 'astro/zod';

const ENTER_EMAIL = 'Enter an email address such as name@example.org.';

export const email = z
  .string({ error: ENTER_EMAIL })
  .trim()
  .toLowerCase()
  .pipe(z.email(ENTER_EMAIL).max(254, 'That email address is too long.'));

// Control characters, and the bidirectional marks, embeddings, overrides and isolates that can make
// a name display as something else.
const HIDDEN_CHARACTERS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export const personName = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(100, 'Use at most 100 characters for a name.')
  .refine(
    (name) => !HIDDEN_CHARACTERS.test(name),
    'Remove the hidden formatting characters from the name, then save it again.',
  );

/** A short line of text such as a title: required, at most `max` characters, nothing hidden. */
export function plainText(what: string, max: number) {
  return z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .max(max, `Use at most ${max} characters.`)
    .refine(
      (text) => !HIDDEN_CHARACTERS.test(text),
      'Remove the hidden formatting characters, then save it again.',
    );
}
