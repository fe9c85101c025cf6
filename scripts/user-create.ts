/**
 * `npm run user:create -- --email a@example.org --name "A Person" [--role programme]`: creates an
 * account and prints its invitation link (also sent by email through the configured transport).
 */
import { inviteUser } from '../src/server/invitations.ts';
import { findUserByEmail } from '../src/server/users.ts';
import { createMailer } from '../src/server/mail.ts';
import { migrateDatabase, openDatabase } from '../src/server/db.ts';
import { readOptions, runAgainst } from './cli-args.ts';
import {
  databaseConfigFromEnv,
  mailConfigFromEnv,
  siteUrlFromEnv,
} from '../production/environment.ts';

const options = readOptions(
  'npm run user:create -- --email a@example.org --name "A Person" [--role programme|participant]',
  ['email', 'name'],
  ['role'],
);
const role = options.role ?? 'participant';
if (role !== 'participant' && role !== 'programme') {
  console.error('--role is either programme or participant.');
  process.exit(2);
}

const db = openDatabase(databaseConfigFromEnv());
await migrateDatabase(db);
await runAgainst(db, async () => {
  const existed = await findUserByEmail(db, options.email);
  const { user, link } = await inviteUser(db, createMailer(mailConfigFromEnv()), siteUrlFromEnv(), {
    email: options.email,
    name: options.name,
    role,
  });
  const what = existed
    ? `${user.email} was already invited (as ${user.role}, name ${user.name}); sent a new invitation, and the old link no longer works.`
    : `Created ${user.email} (${user.role}).`;
  console.log(`${what} Invitation link, valid for 14 days:
${link}`);
});
