/**
 * `npm run bench:cohort`: issue 10's measurement. Starts the production server (building first when
 * the build is stale) on a fresh database holding a wave of 300 members with varied progress, then measures side by side
 * in one run, over three interleaved rounds (medians), at 20 connections: `/login`, the wave's
 * cohort page signed in as a member, and the console roster signed in as the programme team. Then
 * times the CSV preview of a 1,000-row file, as the console posts it. Prints the ratios against
 * their targets.
 */
import { eq } from 'drizzle-orm';
import { memberships, moduleProgress, users } from '../db/schema.ts';
import { readCurriculumFiles, readMasterScheduleFile } from '../src/curriculum/files.ts';
import { WAVE_ROLES } from '../src/lib/roles.ts';
import { postAnnouncement } from '../src/server/announcements.ts';
import { openDatabase, writeTransaction, type Database } from '../src/server/db.ts';
import { hashNewPassword } from '../src/server/passwords.ts';
import { createWave, updateWave } from '../src/server/waves.ts';
import { startSite, type Site } from './local-site.ts';
import { formatNumber, measureSideBySide, median, signInCookie } from './side-by-side.ts';

const MEMBERS = 300;
const ROUNDS = 3;
const SECONDS = 5;
const CONNECTIONS = 20;
const PREVIEW_ROWS = 1000;
const PREVIEW_SAMPLES = 5;
const PASSWORD = 'benchmark password, long enough';
const BROWSER = { 'Accept-Encoding': 'br, gzip' };

/** A programme member, and a wave of MEMBERS people in every role, all able to sign in. */
async function createBenchWave(db: Database) {
  const passwordHash = await hashNewPassword(PASSWORD);
  const now = Date.now();
  const programme = { id: crypto.randomUUID(), email: 'bench-programme@example.org' };
  await writeTransaction(db, (tx) =>
    tx.insert(users).values({
      ...programme,
      name: 'Bench Programme',
      role: 'programme',
      passwordHash,
      createdAt: new Date(now),
    }),
  );
  const actor = { id: programme.id, clientAddress: 'bench' };
  const today = new Date(now).toISOString().slice(0, 10);
  const startsOn = new Date(now - 42 * 86_400_000).toISOString().slice(0, 10);
  const details = {
    name: 'Bench wave',
    slug: 'bench',
    startsOn,
    endsOn: new Date(now + 120 * 86_400_000).toISOString().slice(0, 10),
    cadenceWeeks: 4,
    timeZone: 'Europe/London',
  };
  const { wave } = await createWave(db, details, readMasterScheduleFile(), actor);
  await updateWave(db, wave.id, { ...details, phase: 'active' }, actor);
  for (let i = 0; i < 5; i++)
    await postAnnouncement(
      db,
      wave.id,
      { title: `Announcement ${i + 1}`, body: `Posted on ${today}: **read** [this](/guidance/).` },
      actor,
    );
  const { tracks } = readCurriculumFiles();
  await writeTransaction(db, async (tx) => {
    for (let i = 0; i < MEMBERS; i++) {
      const id = crypto.randomUUID();
      await tx.insert(users).values({
        id,
        email: `bench-${i}@example.org`,
        name: `Member ${String(i).padStart(3, '0')}`,
        passwordHash,
        team: `Team ${i % 12}`,
        createdAt: new Date(now),
      });
      const role = i < 20 ? 'coach' : WAVE_ROLES[i % 2]!;
      await tx.insert(memberships).values({
        id: crypto.randomUUID(),
        waveId: wave.id,
        userId: id,
        role,
        status: i % 50 === 7 ? 'withdrawn' : 'active',
        addedAt: new Date(now),
      });
      // Progress from none to the whole track, so the chart and the roster read real rows.
      const track = tracks.find(
        (candidate) => candidate.id === (role === 'coach' ? 'mentor' : role),
      )!;
      const done = track.modules.slice(0, i % (track.modules.length + 1));
      if (done.length > 0)
        await tx.insert(moduleProgress).values(
          done.map((entry) => ({
            userId: id,
            moduleId: entry.moduleId,
            startedAt: new Date(now - 86_400_000),
            completedAt: new Date(now),
          })),
        );
    }
  });
  const [member] = await db.select().from(users).where(eq(users.email, 'bench-21@example.org'));
  return { programme, member: member!, wave };
}

/** Posts a 1,000-row CSV file to the preview as the console's form does; returns milliseconds to the last byte. */
async function timePreview(site: Site, cookie: string, waveId: string): Promise<number> {
  const rows = Array.from(
    { length: PREVIEW_ROWS },
    (_, i) =>
      `preview-${i}@example.org,Preview Person ${i},${WAVE_ROLES[i % 3]},Team ${i % 9},Retail,${3 + (i % 6)},Leeds`,
  );
  const csv = `email,name,role,team,line of business,grade level,location\n${rows.join('\n')}\n`;
  const form = new FormData();
  form.set('waveId', waveId);
  form.set('file', new File([csv], 'people.csv', { type: 'text/csv' }));
  const started = performance.now();
  const response = await fetch(
    `${site.url}/programme/waves/bench/people/add/?_action=members.preview`,
    {
      method: 'POST',
      headers: { Origin: site.url, Cookie: cookie, ...BROWSER },
      body: form,
    },
  );
  const html = await response.text();
  const elapsed = performance.now() - started;
  if (response.status !== 200 || !html.includes(`Add ${formatNumber(PREVIEW_ROWS)} people`))
    throw new Error(`The preview answered ${response.status} without offering to add every row.`);
  return elapsed;
}

const site = await startSite();
try {
  const db = openDatabase({ url: site.env.DATABASE_URL! });
  const { programme, member, wave } = await createBenchWave(db);
  db.$client.close();
  const memberCookie = await signInCookie(site.url, member.email, PASSWORD);
  const programmeCookie = await signInCookie(site.url, programme.email, PASSWORD);

  const targets = [
    { name: '/login', url: `${site.url}/login`, headers: BROWSER },
    {
      name: `cohort page, ${MEMBERS} members`,
      url: `${site.url}/cohorts/bench/`,
      headers: { ...BROWSER, Cookie: memberCookie },
    },
    {
      name: `console roster, ${MEMBERS} members`,
      url: `${site.url}/programme/waves/bench/people/`,
      headers: { ...BROWSER, Cookie: programmeCookie },
    },
  ];
  const results = await measureSideBySide(targets, {
    rounds: ROUNDS,
    seconds: SECONDS,
    connections: CONNECTIONS,
  });

  const previews: number[] = [];
  for (let i = 0; i < PREVIEW_SAMPLES; i++)
    previews.push(await timePreview(site, programmeCookie, wave.id));

  const rps = (name: string) => results.get(name)!.requestsPerSecond;
  const login = rps('/login');
  console.log('\n| figure | now | target |\n|---|---|---|');
  console.log(
    `| cohort page / /login | ${formatNumber(rps(targets[1]!.name) / login, 2)} | >= 0.60 |`,
  );
  console.log(
    `| console roster / /login | ${formatNumber(rps(targets[2]!.name) / login, 2)} | >= 0.40 |`,
  );
  console.log(
    `| CSV preview of ${formatNumber(PREVIEW_ROWS)} rows, median of ${PREVIEW_SAMPLES} (slowest) | ${formatNumber(median(previews))} ms (${formatNumber(Math.max(...previews))} ms) | <= 2,000 ms |`,
  );
} finally {
  await site.stop();
}
