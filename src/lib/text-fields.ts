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

/** Whether the text has a character that hides itself or changes how the rest displays. */
function hasHiddenCharacters(text: string): boolean {
  return HIDDEN_CHARACTERS.test(text.replace(SPELLING_JOINER, ''));
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

/** A short line of text such as a title: required, at most `max` characters, nothing hidden. */
export function plainText(what: string, max: number) {
  return z
    .string({ error: `Enter ${what}.` })
    .trim()
    .min(1, `Enter ${what}.`)
    .max(max, `Use at most ${max} characters.`)
    .refine(
      (text) => !hasHiddenCharacters(text),
      'Remove the hidden formatting characters, then save it again.',
    );
}
