/**
 * `npm run bench:server`: the measurement behind issue 8's targets. Builds when the build is stale,
 * starts the production server on a seeded database, and measures side by side in one run, over
 * three interleaved rounds (medians), at 50 connections: the static module page, `/login` (also
 * without compression, to show what compression costs), `/me` and `/me/state.json` signed in,
 * `/healthz`, and nginx serving the same precompressed `.br` file (skipped when nginx is missing).
 * Then a burst of 300 concurrent sign-ins while a static page and `/healthz` are requested every
 * 100 ms. Prints the ratios against their targets, the server's resident memory at the end, and
 * the comparison of compression settings behind `production/compression.ts`.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request, Agent } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { like } from 'drizzle-orm';
import { users } from '../db/schema.ts';
import { buildIsCurrent } from '../production/build-state.ts';
import { openDatabase, writeTransaction } from '../src/server/db.ts';
import { hashNewPassword } from '../src/server/passwords.ts';
import { findOrCreateUser } from '../src/server/users.ts';
import { freePort, startSite, stopProcess, type Site } from './local-site.ts';
import { printCompressionComparison } from './measure-compression.ts';
import {
  formatNumber,
  measureSideBySide,
  median,
  seedPasswords,
  signInCookie,
  type Target,
} from './side-by-side.ts';

const ROUNDS = 3;
const SECONDS = 5;
const CONNECTIONS = 50;
const SIGN_INS = 300;
const PROBE_EVERY_MS = 100;
const NGINX = '/usr/sbin/nginx';
const MODULE_PAGE = '/modules/mentor/openness/';
const BROWSER_ENCODINGS = { 'Accept-Encoding': 'br, gzip' };

/** Starts nginx on a free loopback port, serving the module page's `.br` file at `/page`. */
async function startNginx(brFile: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const folder = mkdtempSync(path.join(tmpdir(), 'flipside-nginx-'));
  // nginx's workers run as an unprivileged user when started by root: they must reach the file.
  chmodSync(folder, 0o755);
  const page = path.join(folder, 'page.html.br');
  copyFileSync(brFile, page);
  chmodSync(page, 0o644);
  const port = await freePort();
  const temp = (name: string) => `${name}_temp_path ${path.join(folder, name)};`;
  // One worker, as Flipside is one process; sendfile and keep-alive as nginx ships them.
  writeFileSync(
    path.join(folder, 'nginx.conf'),
    `worker_processes 1;
daemon off;
pid ${path.join(folder, 'nginx.pid')};
error_log ${path.join(folder, 'error.log')} warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  ${['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(temp).join('\n  ')}
  types { }
  default_type 'text/html; charset=utf-8';
  server {
    listen 127.0.0.1:${port};
    location = /page {
      alias ${page};
      add_header Content-Encoding br;
      add_header Vary Accept-Encoding;
    }
  }
}
`,
  );
  const child: ChildProcess = spawn(NGINX, ['-c', path.join(folder, 'nginx.conf'), '-p', folder], {
    stdio: 'inherit',
  });
  const url = `http://127.0.0.1:${port}/page`;
  for (let attempt = 0; ; attempt++) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) break;
    if (attempt > 50) throw new Error('nginx did not start');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: async () => {
      await stopProcess(child);
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Accounts for the sign-in burst, one per person, all with one password hashed once. */
async function createBurstAccounts(site: Site, password: string): Promise<string[]> {
  const db = openDatabase({ url: site.env.DATABASE_URL! });
  const emails = Array.from({ length: SIGN_INS }, (_, i) => `burst-${i}@example.org`);
  for (const email of emails) await findOrCreateUser(db, { email, name: `Burst ${email}` });
  const passwordHash = await hashNewPassword(password);
  await writeTransaction(db, (tx) =>
    tx.update(users).set({ passwordHash }).where(like(users.email, 'burst-%')),
  );
  db.$client.close();
  return emails;
}

/** Posts the sign-in form as a browser would, from its own client address. */
function signIn(site: Site, email: string, password: string, address: string) {
  return fetch(`${site.url}/login?_action=auth.login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Origin: site.url,
      'Content-Type': 'application/x-www-form-urlencoded',
      'X-Forwarded-For': address,
      ...BROWSER_ENCODINGS,
    },
    body: new URLSearchParams({ email, password }),
  });
}

/** The time one GET takes to its last byte, on its own connection pool. */
function timeGet(url: string, agent: Agent): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    request(url, { agent, headers: BROWSER_ENCODINGS }, (response) => {
      response.resume();
      response.on('end', () => resolve(performance.now() - started));
    })
      .on('error', reject)
      .end();
  });
}

/** 300 concurrent sign-ins while a static page and /healthz are timed every 100 ms. */
async function signInBurst(site: Site, emails: string[], password: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const probes: { static: number[]; health: number[] } = { static: [], health: [] };
  const pending: Promise<void>[] = [];
  const timer = setInterval(() => {
    pending.push(timeGet(site.url + MODULE_PAGE, agent).then((ms) => void probes.static.push(ms)));
    pending.push(timeGet(site.url + '/healthz', agent).then((ms) => void probes.health.push(ms)));
  }, PROBE_EVERY_MS);
  const started = performance.now();
  const outcomes = await Promise.all(
    emails.map(async (email, i) => {
      const response = await signIn(
        site,
        email,
        password,
        `10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`,
      );
      await response.arrayBuffer();
      const signedIn = response.status === 303 && response.headers.getSetCookie().length > 0;
      return {
        status: signedIn ? 'signed in (303)' : String(response.status),
        retryAfter: response.headers.get('retry-after'),
      };
    }),
  );
  const elapsed = performance.now() - started;
  clearInterval(timer);
  await Promise.all(pending);
  agent.destroy();
  const statuses = new Map<string, number>();
  for (const { status, retryAfter } of outcomes) {
    const key = `${status}${retryAfter ? ` (Retry-After ${retryAfter})` : ''}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  }
  return { elapsed, statuses, probes };
}

/** The server's resident and peak resident memory in MB, from /proc. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kB = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+)`, 'm'))?.[1]);
  return { rss: kB('VmRSS') / 1024, peak: kB('VmHWM') / 1024 };
}

if (!buildIsCurrent()) {
  console.log('Building (the build is missing or older than the sources)...');
  execSync('npm run build', { stdio: 'inherit' });
}

const site = await startSite({ TRUSTED_PROXY_HOPS: '1' });
const nginx = existsSync(NGINX)
  ? await startNginx(`dist/client${MODULE_PAGE}index.html.br`)
  : undefined;
try {
  if (!nginx) console.log(`nginx is not installed at ${NGINX}: the reference row is skipped.`);
  const passwords = seedPasswords(site.env);
  const [email, password] = [...passwords][0]!;
  const burstPassword = 'burst password for the benchmark';
  const burstEmails = await createBurstAccounts(site, burstPassword);
  const cookie = await signInCookie(site.url, email, password, {
    'X-Forwarded-For': '127.0.0.2',
    ...BROWSER_ENCODINGS,
  });
  const signedIn = { ...BROWSER_ENCODINGS, Cookie: cookie };

  const targets: Target[] = [
    ...(nginx
      ? [{ name: 'nginx, the same .br file', url: nginx.url, headers: BROWSER_ENCODINGS }]
      : []),
    { name: 'static module page', url: site.url + MODULE_PAGE, headers: BROWSER_ENCODINGS },
    { name: '/login', url: site.url + '/login', headers: BROWSER_ENCODINGS },
    { name: '/login, not compressed', url: site.url + '/login', headers: {} },
    { name: '/me signed in', url: site.url + '/me/', headers: signedIn },
    { name: '/me/state.json signed in', url: site.url + '/me/state.json', headers: signedIn },
    { name: '/healthz', url: site.url + '/healthz', headers: BROWSER_ENCODINGS },
  ];
  const results = await measureSideBySide(targets, {
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
  });

  const burst = await signInBurst(site, burstEmails, burstPassword);
  const slowest = Math.max(...burst.probes.static, ...burst.probes.health);
  console.log(
    `\n${SIGN_INS} concurrent sign-ins took ${formatNumber(burst.elapsed / 1000, 1)} s: ` +
      [...burst.statuses].map(([status, n]) => `${n} answered ${status}`).join(', ') +
      '.',
  );
  for (const [name, times] of Object.entries(burst.probes)) {
    console.log(
      `  ${name === 'static' ? 'static page' : '/healthz'} every ${PROBE_EVERY_MS} ms during the burst: ` +
        `${times.length} requests, median ${formatNumber(median(times))} ms, slowest ${formatNumber(Math.max(...times))} ms`,
    );
  }

  const memory = memoryOf(site.pid);
  const uncompressed = async (url: string, headers: Record<string, string>) =>
    Buffer.from(
      await (
        await fetch(url, { headers: { ...headers, 'Accept-Encoding': 'identity' } })
      ).arrayBuffer(),
    );
  await printCompressionComparison(
    new Map([
      ['/login', await uncompressed(site.url + '/login', {})],
      ['/me', await uncompressed(site.url + '/me/', signedIn)],
      // A larger page, as cohort pages and the console will be.
      ['module page', await uncompressed(site.url + MODULE_PAGE, {})],
    ]),
  );
  const rps = (name: string) => results.get(name)?.requestsPerSecond ?? NaN;
  const ratio = (a: number, b: number) => formatNumber(a / b, 2);
  console.log('\n| figure | now | target |\n|---|---|---|');
  console.log(
    `| static page / nginx | ${nginx ? ratio(rps('static module page'), rps('nginx, the same .br file')) : 'skipped'} | >= 0.6 |`,
  );
  console.log(
    `| /login / static page | ${ratio(rps('/login'), rps('static module page'))} | >= 0.25 |`,
  );
  console.log(`| /me / /login | ${ratio(rps('/me signed in'), rps('/login'))} | >= 0.8 |`);
  console.log(
    `| slowest static or /healthz request during the sign-in burst | ${formatNumber(slowest)} ms | <= 250 ms |`,
  );
  console.log(
    `| server resident memory after the whole benchmark | ${formatNumber(memory.rss)} MB (peak ${formatNumber(memory.peak)} MB) | <= 350 MB |`,
  );
} finally {
  await nginx?.stop();
  await site.stop();
}
