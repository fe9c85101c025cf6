/**
 * What the account scripts share: reading `--name value` options (saying how to use the script when
 * one is missing), and reporting a refusal as its sentence and exit code 1 rather than a stack trace.
 */
import { parseArgs } from 'node:util';
import type { Database } from '../src/server/db.ts';
import { UserFacingError } from '../src/server/errors.ts';

/** The named string options, or exits with the usage line when a required one is missing. */
export function readOptions<Name extends string>(
  usage: string,
  required: readonly Name[],
  optional: readonly string[] = [],
): Record<Name, string> & Record<string, string | undefined> {
  const names = [...required, ...optional];
  try {
    const { values } = parseArgs({
      options: Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
    });
    const missing = required.filter((name) => !values[name]);
    if (missing.length === 0) return values as Record<Name, string>;
    console.error(`Missing --${missing.join(', --')}.`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
  }
  console.error(`Usage: ${usage}`);
  process.exit(2);
}

/** Runs the script's work against the database, prints a refusal's sentence, and closes the database. */
export async function runAgainst(db: Database, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  } finally {
    db.$client.close();
  }
}
