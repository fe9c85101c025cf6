/**
 * `npm run bench:progress`: what saved progress costs, measured side by side in one run. Starts the
 * production server (building first when the build is stale) on a seeded database and, at 50
 * connections over three interleaved rounds (medians):
 * - a signed-out module page view, every request Chromium makes for it, against the page's static
 *   files as the build holds them: 1.0 within noise, because none of its requests is dynamic;
 * - the signed-in page's one personal request (`/me/state.json?module=`) against the static page,
 *   with `/healthz` beside it as the floor for anything rendered per request;
 * - `/me` signed in against `/login`.
 * Then 500 people mark a module complete and save a reflection at once, while `/healthz` is asked
 * every 50 ms: errors, rows counted afterwards, and the health checks' answers.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { and, count, eq, inArray, isNotNull, like } from 'drizzle-orm';
import { moduleProgress, reflections, users } from '../db/schema.ts';
import { readCurriculumFiles } from '../src/curriculum/files.ts';
import { DEFAULT_LIFETIMES } from '../src/lib/session-policy.ts';
import { openDatabase, writeTransaction } from '../src/server/db.ts';
import { recordAnswer } from '../src/server/progress.ts';
import { createSession } from '../src/server/sessions.ts';
import { launchBrowser, startSite, type Site } from './local-site.ts';
import {
  formatNumber,
  measureSideBySide,
  seedPasswords,
  signInCookie,
  type Target,
} from './side-by-side.ts';

const ROUNDS = Number(process.env.ROUNDS ?? 3);
const SECONDS = Number(process.env.SECONDS ?? 5);
const CONNECTIONS = 50;
const BURST = 500;
const PROBE_EVERY_MS = 50;
const MODULE_PAGE = '/modules/mentee/psychological-safety/';
const MODULE_ID = 'mentee-psychological-safety';
const BURST_MODULE = 'mentor-openness';
const BROWSER = { 'Accept-Encoding': 'br, gzip' };

/** Every request Chromium makes for the page signed out, as paths. */
async function signedOutView(site: Site): Promise<string[]> {
  const browser = await launchBrowser();
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(site.url + MODULE_PAGE, { waitUntil: 'networkidle' });
  await browser.close();
  return requests
    .filter((url) => url.startsWith(site.url))
    .map((url) => new URL(url).pathname + new URL(url).search);
}

/** Whether the build holds the path as a static file (a page's `index.html` included). */
function isStaticFile(path: string): boolean {
  const file = join('dist/client', decodeURIComponent(new URL(path, 'http://x').pathname));
  return [file, join(file, 'index.html')].some((candidate) => {
    try {
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  });
}

/** People for the burst, each with a session and the burst module's check already passed. */
async function burstPeople(site: Site): Promise<{ ids: string[]; cookies: string[] }> {
  const db = openDatabase({ url: site.env.DATABASE_URL! });
  const curriculum = readCurriculumFiles();
  const module = curriculum.modules.get(BURST_MODULE)!;
  await writeTransaction(db, (tx) =>
    tx.insert(users).values(
      Array.from({ length: BURST }, (_, i) => ({
        id: `burst-${i}`,
        email: `burst-${i}@example.org`,
        name: `Burst ${i}`,
      })),
    ),
  );
  const ids = Array.from({ length: BURST }, (_, i) => `burst-${i}`);
  const cookies: string[] = [];
  for (const id of ids) {
    for (const check of module.checks)
      await recordAnswer(db, curriculum, id, {
        moduleId: BURST_MODULE,
        checkId: check.id,
        option: check.answer,
      });
    const { token } = await createSession(db, { id, role: 'participant' }, DEFAULT_LIFETIMES);
    cookies.push(`flipside_session=${token}`);
  }
  db.$client.close();
  return { ids, cookies };
}

/** Posts one action as the workspace script does. */
async function callAction(
  site: Site,
  name: string,
  cookie: string,
  fields: Record<string, string>,
) {
  const response = await fetch(`${site.url}/_actions/${name}`, {
    method: 'POST',
    headers: {
      Origin: site.url,
      Cookie: cookie,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(fields),
  });
  await response.arrayBuffer();
  return response.status;
}

/** 500 people complete the module and save a reflection at once, while /healthz is probed. */
async function writeBurst(site: Site) {
  const { ids, cookies } = await burstPeople(site);
  const curriculum = readCurriculumFiles();
  const promptId = curriculum.modules.get(BURST_MODULE)!.reflections[0]!.id;
  const probes: { status: number; ms: number }[] = [];
  const pending: Promise<void>[] = [];
  const timer = setInterval(() => {
    const started = performance.now();
    pending.push(
      fetch(site.url + '/healthz')
        .then(async (response) => {
          await response.arrayBuffer();
          probes.push({ status: response.status, ms: performance.now() - started });
        })
        .catch(() => void probes.push({ status: 0, ms: performance.now() - started })),
    );
  }, PROBE_EVERY_MS);
  const started = performance.now();
  // Each person does what a browser would: one request, then the next.
  const statuses = (
    await Promise.all(
      cookies.map(async (cookie, i) => [
        await callAction(site, 'progress.complete', cookie, { moduleId: BURST_MODULE }).catch(
          () => 0,
        ),
        await callAction(site, 'progress.reflect', cookie, {
          moduleId: BURST_MODULE,
          promptId,
          text: `Reflection ${i} from the burst.`,
        }).catch(() => 0),
      ]),
    )
  ).flat();
  const elapsed = performance.now() - started;
  clearInterval(timer);
  await Promise.all(pending);

  const db = openDatabase({ url: site.env.DATABASE_URL! });
  const [completed] = (await db
    .select({ n: count() })
    .from(moduleProgress)
    .where(
      and(
        inArray(moduleProgress.userId, ids),
        eq(moduleProgress.moduleId, BURST_MODULE),
        isNotNull(moduleProgress.completedAt),
      ),
    )) as [{ n: number }];
  const [written] = (await db
    .select({ n: count() })
    .from(reflections)
    .where(
      and(inArray(reflections.userId, ids), like(reflections.text, 'Reflection % from the burst.')),
    )) as [{ n: number }];
  db.$client.close();
  return {
    elapsed,
    errors: statuses.filter((status) => status !== 200).length,
    completed: completed.n,
    written: written.n,
    probes,
  };
}

const site = await startSite({ TRUSTED_PROXY_HOPS: '1' });
try {
  const passwords = seedPasswords(site.env);
  const signedIn = {
    ...BROWSER,
    Cookie: await signInCookie(
      site.url,
      'mentee@example.org',
      passwords.get('mentee@example.org')!,
    ),
  };
  const view = await signedOutView(site);
  // The reference: the same page's files as the build holds them. A dynamic request in the view (a
  // server island, a JSON fetch) is missing from it and drags the view's ratio below 1.
  const files = view.filter(isStaticFile);
  const dynamic = view.filter((path) => !isStaticFile(path));
  console.log(
    `A signed-out view of ${MODULE_PAGE} makes ${view.length} requests: ${files.length} for static files of the build, ${dynamic.length} for anything else${dynamic.length ? ` (${dynamic.join(', ')})` : ''}.`,
  );

  const targets: Target[] = [
    { name: 'static module page', paths: [MODULE_PAGE] },
    { name: 'the module page’s static files', paths: files },
    { name: 'signed-out module page view (every request)', paths: view },
    {
      name: 'signed-in personal request (/me/state.json?module=)',
      paths: [`/me/state.json?module=${MODULE_ID}`],
      headers: signedIn,
    },
    // The floor for anything rendered per request: one query, no session, no page.
    { name: '/healthz', paths: ['/healthz'] },
    { name: '/login', paths: ['/login'] },
    { name: '/me signed in', paths: ['/me/'], headers: signedIn },
  ].map((target) => ({ url: site.url, headers: BROWSER, ...target }));
  const results = await measureSideBySide(targets, {
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
  });

  const rps = (name: string) => results.get(name)!.requestsPerSecond;
  const ratio = (a: string, b: string) => formatNumber(rps(a) / rps(b), 2);
  const personal = results.get('signed-in personal request (/me/state.json?module=)')!;
  console.log('\n| figure | now | target |\n|---|---|---|');
  console.log(
    `| signed-out view / the page's static files | ${ratio('signed-out module page view (every request)', 'the module page’s static files')} | 1.0 within noise |`,
  );
  console.log(
    `| personal request / static page | ${ratio('signed-in personal request (/me/state.json?module=)', 'static module page')} | >= 0.25 |`,
  );
  console.log(`| personal request p99 | ${formatNumber(personal.p99)} ms | <= 60 ms |`);
  console.log(`| /me / /login | ${ratio('/me signed in', '/login')} | >= 0.70 |`);

  console.log(`\n${BURST} people marking a module complete and saving a reflection at once...`);
  const burst = await writeBurst(site);
  const healthy = burst.probes.filter((probe) => probe.status === 200).length;
  if (process.env.DEBUG_BURST) {
    console.log(burst.probes.map((p) => `${p.status}:${Math.round(p.ms)}`).join(' '));
    console.log(site.output().slice(-3000));
  }
  console.log(
    `| writes | ${BURST * 2} requests in ${formatNumber(burst.elapsed / 1000, 1)} s, ${burst.errors} errors |\n` +
      `| rows afterwards | ${burst.completed} of ${BURST} completions, ${burst.written} of ${BURST} reflections |\n` +
      `| /healthz every ${PROBE_EVERY_MS} ms meanwhile | ${healthy} of ${burst.probes.length} answered 200, slowest ${formatNumber(Math.max(...burst.probes.map((p) => p.ms)))} ms |`,
  );
} finally {
  await site.stop();
}
