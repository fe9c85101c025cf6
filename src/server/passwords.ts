/**
 * Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane) and the password rules.
 * Hashes take turns through one queue (`src/lib/password-work.ts` says how many run at once), so a
 * burst of sign-ins waits, or is refused, without taking the thread pool from other requests.
 */
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_HASH_SLOTS, PASSWORD_MAX_WAIT_MS } from '../lib/password-work.ts';
import { passwordProblem } from '../lib/password-rules.ts';
import { createWorkQueue, QueueFullError } from '../lib/work-queue.ts';
import commonPasswords from './common-passwords.json' with { type: 'json' };
import { UserFacingError } from './errors.ts';

// Algorithm.Argon2id: the package exports it as a const enum, which isolated modules cannot read.
const ARGON2ID = 2;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

const queue = createWorkQueue({
  slots: PASSWORD_HASH_SLOTS,
  maxWaitMs: PASSWORD_MAX_WAIT_MS,
  initialJobMs: 50,
});

/** Runs argon2 work in its turn; refuses with a sentence when the wait would be too long. */
async function inTurn<T>(job: () => Promise<T>): Promise<T> {
  try {
    return await queue.run(job);
  } catch (error) {
    if (!(error instanceof QueueFullError)) throw error;
    throw new UserFacingError(
      'SERVICE_UNAVAILABLE',
      `Many people are signing in or setting passwords at this moment. Try again in ${Math.ceil(error.retryAfterMs / 1000)} seconds.`,
    );
  }
}

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
  return inTurn(() => hash(password, OPTIONS));
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
    const decoy = await decoyHash;
    await inTurn(() => verify(decoy, password));
    return false;
  }
  return inTurn(() => verify(storedHash, password));
}
