/** Reads the links that the outbox transport wrote for a running site. */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Site } from './site.ts';

/** The newest link of the kind (`invite` or `reset`) sent to `to`. */
export function lastLink(site: Site, to: string, kind: 'invite' | 'reset'): string {
  const folder = path.join(site.dataDir, 'outbox');
  const messages = readdirSync(folder)
    .sort()
    .map((file) => readFileSync(path.join(folder, file), 'utf8').replace(/=\r?\n/g, ''))
    .filter((message) => new RegExp(`^To: ${to}$`, 'm').test(message));
  const link = messages
    .at(-1)
    ?.match(new RegExp(`https?://\\S+/${kind}/[a-z2-7]+\\.[a-z2-7]+`))?.[0];
  if (!link) throw new Error(`No ${kind} link was sent to ${to}.`);
  return link;
}

/** Runs an npm script (such as user:create) against the site's database; returns what it printed. */
export function runScript(site: Site, script: string, args: string[]): string {
  return execFileSync('npm', ['run', '-s', script, '--', ...args], {
    env: { ...process.env, ...site.env },
    encoding: 'utf8',
  });
}
