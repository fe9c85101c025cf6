/** Reads `--name value` options for the account scripts, and says how to use a script when one is missing. */
import { parseArgs } from 'node:util';

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
