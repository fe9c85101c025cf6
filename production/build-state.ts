/** Whether `dist/` was built from the sources as they are, judged by file modification times. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export const SERVER_ENTRY = 'dist/server/entry.mjs';
const SOURCES = ['src', 'content', 'public', 'db', 'astro.config.mjs', 'package-lock.json'];

/** The newest modification time under the given paths. */
function newestChange(paths: string[]): number {
  let newest = 0;
  for (const entry of paths.filter((p) => existsSync(p))) {
    const stats = statSync(entry);
    const files = stats.isDirectory()
      ? readdirSync(entry, { recursive: true, encoding: 'utf8' }).map((f) => path.join(entry, f))
      : [entry];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

/** True when the build exists and is newer than every source file. */
export function buildIsCurrent(): boolean {
  return existsSync(SERVER_ENTRY) && statSync(SERVER_ENTRY).mtimeMs >= newestChange(SOURCES);
}
