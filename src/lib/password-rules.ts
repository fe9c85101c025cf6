/**
 * What a password must be: long enough, not absurdly long, and not one of the most common ones.
 * No composition rules: they make passwords harder to remember, not harder to guess.
 */

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;

/** A sentence saying what to change, or undefined when the password is acceptable. */
export function passwordProblem(password: string, common: ReadonlySet<string>): string | undefined {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH)
    return `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters; a short phrase works well.`;
  if (length > MAX_PASSWORD_LENGTH)
    return `Choose a password of at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (password.trim() === '')
    return 'A password of only spaces is easy to guess. Choose one with words or other characters in it.';
  if (common.has(password.toLowerCase()))
    return 'That password is one of the most common ones and easy to guess. Choose another.';
  return undefined;
}
