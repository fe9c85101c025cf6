/** Reads the links that the outbox transport wrote for a running site, and runs its command-line scripts. */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { Site } from './site.ts';

/**
 * The newest link of the kind (`invite` or `reset`) sent to `to`, other than `replacing` when given.
 * Mail is sent by the server's worker after the page has answered, so this waits a few seconds.
 */
export async function lastLink(
  site: Site,
  to: string,
  kind: 'invite' | 'reset',
  replacing?: string,
): Promise<string> {
  for (const deadline = Date.now() + 5000; ;) {
    const link = newestLink(site, to, kind);
    if (link && link !== replacing) return link;
    if (Date.now() > deadline) throw new Error(`No ${kind} link was sent to ${to}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function newestLink(site: Site, to: string, kind: 'invite' | 'reset'): string | undefined {
  const folder = path.join(site.dataDir, 'outbox');
  if (!existsSync(folder)) return undefined;
  const messages = readdirSync(folder)
    .sort()
    .map((file) => readFileSync(path.join(folder, file), 'utf8').replace(/=\r?\n/g, ''))
    .filter((message) => new RegExp(`^To: ${to}$`, 'm').test(message));
  return messages.at(-1)?.match(new RegExp(`https?://\\S+/${kind}/[a-z2-7]+\\.[a-z2-7]+`))?.[0];
}

/** Runs an npm script (such as user:create) against the site's database; returns what it printed. */
export function runScript(site: Site, script: string, args: string[]): string {
  return execFileSync('npm', ['run', '-s', script, '--', ...args], {
    env: { ...process.env, ...site.env },
    encoding: 'utf8',
  });
}

/**
 * Pat Lead, a programme member created from the command line, who accepts the printed invitation
 * in `context` with the password "the kettle is on", which leaves `context` signed in.
 */
export async function programmeMemberSignedIn(site: Site, context: BrowserContext): Promise<void> {
  const printed = runScript(site, 'user:create', [
    '--email',
    'pat@example.org',
    '--name',
    'Pat Lead',
    '--role',
    'programme',
  ]);
  const page = await context.newPage();
  await page.goto(printed.match(/http\S+\/invite\/\S+/)![0]);
  await page.getByLabel('Choose a password').fill('the kettle is on');
  await page.getByRole('button', { name: 'Open my account' }).click();
  await page.waitForURL('**/me/?welcome=1');
  await page.close();
}
