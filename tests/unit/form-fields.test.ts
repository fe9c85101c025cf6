import { describe, expect, test } from 'vitest';
import { newPassword, personName } from '../../src/actions/fields.ts';

const problemWith = (schema: typeof personName | typeof newPassword, value: string) => {
  const result = schema.safeParse(value);
  return result.success ? undefined : result.error.issues[0]!.message;
};

describe('person names', () => {
  test.each(['Ana', 'Zoë Smith-Jones', "O'Brien", 'محمد', 'Nguyễn Văn An', 'می‌خواهم', 'क्‍ष'])(
    'accept %s',
    (name) => {
      expect(problemWith(personName, name)).toBeUndefined();
    },
  );

  test.each([
    ['a right-to-left override', '\u202Eevil'],
    ['a zero-width space', 'An\u200Ba'],
    ['a zero-width joiner between Latin letters', 'An\u200Da'],
    ['a word joiner', 'Ana\u2060'],
    ['a byte-order mark', 'An\uFEFFa'],
    ['a soft hyphen', 'An\u00ADa'],
    ['an invisible separator', 'A\u2063na'],
    ['a tag character', 'Ana\u{E0041}'],
    ['a Mongolian vowel separator', 'Ana\u180E'],
    ['only invisible characters', '\u200B\u200C\u200D'],
  ])('refuse %s with a sentence', (_case, name) => {
    expect(problemWith(personName, name)).toBe(
      'Remove the hidden formatting characters from the name, then save it again.',
    );
  });
});

describe('new passwords', () => {
  test.each([' '.repeat(8), ' '.repeat(40), '\u00A0'.repeat(10), ' \t '.repeat(5)])(
    'refuse one made only of spaces with a sentence',
    (password) => {
      expect(problemWith(newPassword, password)).toMatch(/only spaces/);
    },
  );

  test('accept a phrase with spaces in it', () => {
    expect(problemWith(newPassword, '  tea with two sugars  ')).toBeUndefined();
  });
});
