/**
 * Certificate verification codes: 16 characters of base32 (80 random bits, drawn in
 * `src/server/certificates.ts`), shown in groups of four so they can be read aloud and typed back.
 * Kept lower-case without separators; accepted in any case, with or without hyphens and spaces.
 */

export const CODE_LENGTH = 16;
const CODE_PATTERN = /^[a-z2-7]{16}$/;

/** The code as people see it: `ABCD-EFGH-JKLM-NP23`. */
export function formatCode(code: string): string {
  return (code.toUpperCase().match(/.{1,4}/g) ?? []).join('-');
}

/** The stored form of a code someone typed or followed, or undefined when it cannot be one. */
export function normaliseCode(input: string): string | undefined {
  const code = input.toLowerCase().replace(/[\s-]/g, '');
  return CODE_PATTERN.test(code) ? code : undefined;
}

/** Where anyone holding the code can confirm the certificate. */
export function verificationPath(code: string): string {
  return `/certificates/${formatCode(code)}/`;
}
