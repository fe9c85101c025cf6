/** Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane) and the password rules. */
import { hash, verify } from '@node-rs/argon2';
import { passwordProblem } from '../lib/password-rules.ts';
import commonPasswords from './common-passwords.json' with { type: 'json' };
import { UserFacingError } from './errors.ts';

// Algorithm.Argon2id: the package exports it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/** The 1,000 most common passwords (zxcvbn-ts's frequency list, MIT), lower-cased. */
const COMMON = new Set(commonPasswords.map((password) => password.toLowerCase()));

/** A sentence saying what to change about a password someone is choosing, or undefined. */
export function newPasswordProblem(password: string): string | undefined {
  return passwordProblem(password, COMMON);
}

/** Hashes a password after checking the rules; throws a sentence saying what to change. */
export async function hashNewPassword(password: string): Promise<string> {
  const problem = newPasswordProblem(password);
  if (problem) throw new UserFacingError('BAD_REQUEST', problem);
  return hash(password, OPTIONS);
}

// A real hash to verify against when an account has no password, so an unknown email and a wrong
// password take the same time.
const decoyHash = hash('decoy password that matches nothing', OPTIONS);

/** Whether the password matches the hash; with no hash, spends the same time and answers false. */
export async function verifyPassword(
  storedHash: string | null,
  password: string,
): Promise<boolean> {
  if (!storedHash) {
    await verify(await decoyHash, password);
    return false;
  }
  return verify(storedHash, password);
}
