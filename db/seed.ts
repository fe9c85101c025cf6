/**
 * `npm run db:seed`: demo accounts for a laptop, one per role, with passwords printed once, and one
 * person still invited, so the people page shows Resend and what inviting them again says.
 * Refuses to run with NODE_ENV=production.
 */
import { eq } from 'drizzle-orm';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { users } from './schema.ts';
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
  { email: 'programme@example.org', name: 'Pat Programme', role: 'programme' },
  { email: 'mentor@example.org', name: 'Maya Mentor', role: 'participant' },
  { email: 'mentee@example.org', name: 'Martin Mentee', role: 'participant' },
] as const;

const db = openDatabase(databaseConfigFromEnv());
await migrateDatabase(db);
for (const person of DEMO) {
  const { user, created } = await findOrCreateUser(db, person);
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
db.$client.close();
