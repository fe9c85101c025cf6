/**
 * Writes the Pagefind search index of the client build again, and checks that it reads back whole.
 * Starlight builds the index too, but Pagefind 1.5.2 answers "written" before its files reach the
 * disk and Starlight stops it at once, which sometimes leaves a file truncated or empty: search then
 * fails in the browser with "Failed to load Pagefind metadata"
 * (https://github.com/Pagefind/pagefind/issues/1271, fixed upstream after 1.5.2). Here the writes
 * get time to land before Pagefind stops, and the build fails if a file is still damaged.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';

const ATTEMPTS = 3;
const SETTLE_MS = 1000;

const clientDir = path.resolve(process.argv[2] ?? 'dist/client');
const outputPath = path.join(clientDir, 'pagefind');

async function writeIndex(): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex();
    if (!index) throw new Error(errors.join('; '));
    const added = await index.addDirectory({ path: clientDir });
    const written = await index.writeFiles({ outputPath });
    const problems = [...added.errors, ...written.errors];
    if (problems.length > 0) throw new Error(problems.join('; '));
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}

/** The index files that do not read back: JSON that does not parse, or gzip that does not unpack. */
async function damagedFiles(): Promise<string[]> {
  const damaged: string[] = [];
  for (const file of await readdir(outputPath, { recursive: true })) {
    const read = () => readFile(path.join(outputPath, file));
    try {
      if (file.endsWith('.json')) JSON.parse((await read()).toString('utf8'));
      else if (/\.(pf_\w+|pagefind)$/.test(file)) gunzipSync(await read());
    } catch {
      damaged.push(file);
    }
  }
  return damaged;
}

for (let attempt = 1; ; attempt++) {
  const pages = await writeIndex();
  const damaged = await damagedFiles();
  if (damaged.length === 0) {
    console.log(`search index: ${pages} pages, every file checked`);
    break;
  }
  if (attempt === ATTEMPTS) {
    console.error(`search index: still damaged after ${ATTEMPTS} attempts: ${damaged.join(', ')}`);
    process.exit(1);
  }
  console.warn(`search index: rewriting damaged files: ${damaged.join(', ')}`);
}
