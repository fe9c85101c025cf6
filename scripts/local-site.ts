/**
 * Runs the production server the way `npm start` does (it builds when the build is stale), on a
 * free loopback port with a fresh database, for browser tests and benchmarks; and launches
 * Debian's Chromium with the flags this machine needs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Site {
  url: string;
  /** The server's process id, to read its memory. */
  pid: number;
  dataDir: string;
  /** The environment the server runs with, for command-line scripts against the same database. */
  env: Record<string, string>;
  output: () => string;
  stop: () => Promise<void>;
}

/** Ends a child process and waits for it, unless it has already ended (by exiting or by a signal). */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** A port nobody is listening on, on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts the production server with a fresh database; resolves once it is listening. */
export async function startSite(env: Record<string, string> = {}): Promise<Site> {
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flipside-e2e-'));
  const siteEnv: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: `file:${path.join(dataDir, 'flipside.db')}`,
    SITE_URL: `http://127.0.0.1:${port}`,
    MAIL_TRANSPORT: 'outbox',
    OUTBOX_DIR: path.join(dataDir, 'outbox'),
    ...env,
  };
  const child: ChildProcess = spawn(process.execPath, ['production/start.ts'], {
    env: { ...process.env, ...siteEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Server did not start:\n${output}`)), 170_000);
    child.stdout?.on('data', () => {
      if (output.includes('Flipside is serving on')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Server exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    dataDir,
    env: siteEnv,
    output: () => output,
    stop: async () => {
      await stopProcess(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium with the flags this machine needs. */
export function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      ...extraArgs,
    ],
  });
}
