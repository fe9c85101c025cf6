/**
 * `npm run db:seed`: demo accounts for a laptop, one per point of view, with passwords printed once;
 * training progress for the demo mentor and mentee so every state shows (Maya Mentor has completed
 * the mentor track and has its certificate, Martin Mentee is half way through the mentee track with
 * a module in progress; progress is added only to an account that has none); one person still
 * invited, so the people page shows Resend; and the demo programme of `seed-waves.ts`. Refuses to
 * run with NODE_ENV=production.
 */
import { count, eq } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { moduleProgress, users } from './schema.ts';
import { seedWaves, type SeedAccounts } from './seed-waves.ts';
import { readCurriculumFiles } from '../src/curriculum/files.ts';
import type { Curriculum } from '../src/lib/curriculum.ts';
import type { TrackChoice, TrackId } from '../src/lib/roles.ts';
import { verificationPath, formatCode } from '../src/lib/verification-code.ts';
import { issueCertificate } from '../src/server/certificates.ts';
import {
  migrateDatabase,
  openDatabase,
  writeTransaction,
  type Database,
} from '../src/server/db.ts';
import { hashNewPassword } from '../src/server/passwords.ts';
import {
  chooseTracks,
  completeModule,
  recordAnswer,
  saveReflection,
} from '../src/server/progress.ts';
import { AlreadyInvited, inviteUser } from '../src/server/invitations.ts';
import { findOrCreateUser } from '../src/server/users.ts';
import { databaseConfigFromEnv, siteUrlFromEnv } from '../production/environment.ts';

if (process.env.NODE_ENV === 'production') {
  console.error(
    'The demo seed creates accounts with printed passwords: it refuses to run with NODE_ENV=production.',
  );
  process.exit(1);
}

interface Demo {
  key: keyof SeedAccounts;
  /** What signing in as this account shows. */
  view: string;
  email: string;
  name: string;
  role: 'programme' | 'participant';
  progress?: { track: TrackId; choice: TrackChoice; complete: number; certificate: boolean };
}

const DEMO: Demo[] = [
  {
    key: 'programme',
    view: 'the programme team: the console at /programme/ (waves, schedules, people, announcements, audit log)',
    email: 'programme@example.org',
    name: 'Pat Programme',
    role: 'programme',
  },
  {
    key: 'mentor',
    view: 'a reverse mentor in Wave 1 (/cohorts/wave-1/) who has finished the mentor track',
    email: 'mentor@example.org',
    name: 'Maya Mentor',
    role: 'participant',
    progress: { track: 'mentor', choice: 'mentor', complete: Infinity, certificate: true },
  },
  {
    key: 'mentee',
    view: 'a reverse mentee in Wave 1 (/cohorts/wave-1/) half way through the mentee track',
    email: 'mentee@example.org',
    name: 'Martin Mentee',
    role: 'participant',
    progress: { track: 'mentee', choice: 'mentee', complete: 4, certificate: false },
  },
  {
    key: 'coach',
    view: 'a coach in Wave 1 (/cohorts/wave-1/), who follows both tracks',
    email: 'coach@example.org',
    name: 'Chris Coach',
    role: 'participant',
  },
  {
    key: 'pilotAlumnus',
    view: 'a mentor of the closed pilot (/cohorts/pilot/), in no current wave: /cohorts/wave-1/ is a 404',
    email: 'alumnus@example.org',
    name: 'Alex Alumnus',
    role: 'participant',
  },
];

const DAY = 24 * 60 * 60 * 1000;

const REFLECTIONS = [
  'I noticed how quickly I wanted to fill a silence. Next time I will count to five before I speak.',
  'What I would find hardest is saying “I don’t know” to someone more senior. I want to practise it in our first session.',
];

/**
 * Works through the track as a person would, a day per module: the first `complete` modules passed
 * (one question wrong before right) and marked complete, the next one started with a wrong answer
 * and a reflection. Returns what it did, to print.
 */
async function seedProgress(
  db: Database,
  curriculum: Curriculum,
  userId: string,
  plan: NonNullable<Demo['progress']>,
): Promise<string> {
  await chooseTracks(db, userId, plan.choice);
  const track = curriculum.tracks.find((candidate) => candidate.id === plan.track)!;
  const modules = track.modules.map((entry) => curriculum.modules.get(entry.moduleId)!);
  const done = Math.min(plan.complete, modules.length);
  let day = Date.now() - (done + 1) * DAY;
  for (const [index, module] of modules.slice(0, done + 1).entries()) {
    day += DAY;
    const finishing = index < done;
    for (const [number, check] of module.checks.entries()) {
      const wrong = check.options.find((option) => option !== check.answer)!;
      const answers = number === 0 ? [wrong, check.answer] : [check.answer];
      for (const option of finishing ? answers : [wrong])
        await recordAnswer(
          db,
          curriculum,
          userId,
          { moduleId: module.moduleId, checkId: check.id, option },
          day,
        );
      if (!finishing) break;
    }
    const prompt = module.reflections[0];
    if (prompt && index % 2 === 0) {
      await saveReflection(
        db,
        curriculum,
        userId,
        { moduleId: module.moduleId, promptId: prompt.id, text: REFLECTIONS[(index / 2) % 2]! },
        day,
      );
    }
    if (finishing) await completeModule(db, curriculum, userId, module.moduleId, day);
  }
  const summary = [
    `${done} of ${modules.length} modules of the ${track.title.toLowerCase()} complete`,
  ];
  if (done < modules.length) summary.push(`“${modules[done]!.title}” in progress`);
  if (plan.certificate) {
    const { code } = await issueCertificate(db, curriculum, userId, plan.track);
    summary.push(
      `certificate ${formatCode(code)} (verify at ${new URL(verificationPath(code), siteUrlFromEnv()).href})`,
    );
  }
  return summary.join('; ');
}

const db = openDatabase(databaseConfigFromEnv());
await migrateDatabase(db);
const curriculum = readCurriculumFiles();
const shows: string[] = [];
const accounts = {} as SeedAccounts;
for (const person of DEMO) {
  const { user, created } = await findOrCreateUser(db, person);
  accounts[person.key] = user;
  if (created) {
    const password = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
    const passwordHash = await hashNewPassword(password);
    await writeTransaction(db, (tx) =>
      tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)),
    );
    console.log(`${person.email} (${person.role}) password: ${password}`);
  } else {
    console.log(`${person.email} exists already; its password is left as it is.`);
  }
  if (!person.progress) {
    shows.push(`  ${person.email}: ${person.view}.`);
    continue;
  }
  const [{ started }] = (await db
    .select({ started: count() })
    .from(moduleProgress)
    .where(eq(moduleProgress.userId, user.id))) as [{ started: number }];
  shows.push(
    started > 0
      ? `  ${person.email}: ${person.view}; has progress already, left as it is.`
      : `  ${person.email}: ${person.view}; ${await seedProgress(db, curriculum, user.id, person.progress)}.`,
  );
}
try {
  const { link } = await inviteUser(db, siteUrlFromEnv(), {
    email: 'invited@example.org',
    name: 'Ines Invited',
  });
  console.log(`invited@example.org (participant, invited) invitation link: ${link}`);
} catch (error) {
  if (!(error instanceof AlreadyInvited)) throw error;
  console.log('invited@example.org is invited already; left as it is.');
}
for (const line of await seedWaves(db, curriculum, accounts)) console.log(line);
console.log(
  `\nSign in as one of these to see the programme from each point of view:\n${shows.join('\n')}`,
);
db.$client.close();
