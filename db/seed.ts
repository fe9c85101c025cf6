/**
 * `npm run db:seed`: demo accounts for a laptop, one per point of view, with passwords printed
 * once, one person still invited (so the people page shows Resend), and the demo programme of
 * `seed-waves.ts`. Refuses to run with NODE_ENV=production.
 */
import { eq } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { users } from './schema.ts';
import { seedWaves } from './seed-waves.ts';
import { migrateDatabase, openDatabase, writeTransaction } from '../src/server/db.ts';
import { hashNewPassword } from '../src/server/passwords.ts';
import { AlreadyInvited, inviteUser } from '../src/server/invitations.ts';
import { findOrCreateUser } from '../src/server/users.ts';
import { databaseConfigFromEnv, siteUrlFromEnv } from '../production/environment.ts';

if (process.env.NODE_ENV === 'production') {
  console.error(
    'The demo seed creates accounts with printed passwords: it refuses to run with NODE_ENV=production.',
  );
  process.exit(1);
}

const DEMO = [
  {
    key: 'programme',
    email: 'programme@example.org',
    name: 'Pat Programme',
    role: 'programme',
    view: 'the programme team: the console at /programme/ (waves, schedules, people, announcements, audit log)',
  },
  {
    key: 'mentor',
    email: 'mentor@example.org',
    name: 'Maya Mentor',
    role: 'participant',
    view: 'a reverse mentor in Wave 1: /cohorts/wave-1/',
  },
  {
    key: 'mentee',
    email: 'mentee@example.org',
    name: 'Martin Mentee',
    role: 'participant',
    view: 'a reverse mentee in Wave 1: /cohorts/wave-1/',
  },
  {
    key: 'coach',
    email: 'coach@example.org',
    name: 'Chris Coach',
    role: 'participant',
    view: 'a coach in Wave 1: /cohorts/wave-1/',
  },
  {
    key: 'pilotAlumnus',
    email: 'alumnus@example.org',
    name: 'Alex Alumnus',
    role: 'participant',
    view: 'a mentor of the closed pilot, in no current wave: /cohorts/pilot/ (and a 404 at /cohorts/wave-1/)',
  },
] as const;

const db = openDatabase(databaseConfigFromEnv());
await migrateDatabase(db);
const accounts: Record<string, { id: string; name: string }> = {};
const views: string[] = [];
for (const person of DEMO) {
  const { user, created } = await findOrCreateUser(db, person);
  accounts[person.key] = user;
  views.push(`  ${person.email}: ${person.view}`);
  if (!created) {
    console.log(`${person.email} exists already; left as it is.`);
    continue;
  }
  const password = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(10)));
  const passwordHash = await hashNewPassword(password);
  await writeTransaction(db, (tx) =>
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)),
  );
  console.log(`${person.email} (${person.role}) password: ${password}`);
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
const waves = await seedWaves(db, {
  programme: accounts.programme!,
  mentor: accounts.mentor!,
  mentee: accounts.mentee!,
  coach: accounts.coach!,
  pilotAlumnus: accounts.pilotAlumnus!,
});
for (const line of waves) console.log(line);
console.log(
  `Sign in as one of these to see the programme from each point of view:\n${views.join('\n')}`,
);
db.$client.close();
