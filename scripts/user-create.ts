/**
 * `npm run user:create -- --email a@example.org --name "A Person" [--role programme]`: creates an
 * account and prints its invitation link (also sent by email through the configured transport).
 */
import { AlreadyInvited, inviteUser, resendInvitation } from '../src/server/invitations.ts';
import { findUserByEmail } from '../src/server/users.ts';
import { createMailer } from '../src/server/mail.ts';
import { deliverDueMail } from '../src/server/mail-queue.ts';
import { describeLifetime, INVITATION_LIFETIME_MS } from '../src/lib/link-lifetimes.ts';
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
  let sent: Awaited<ReturnType<typeof inviteUser>>;
  let what: string;
  try {
    sent = await inviteUser(db, siteUrlFromEnv(), {
      email: options.email,
      name: options.name,
      role,
    });
    what = existed
      ? `${sent.user.email} was invited before (as ${sent.user.role}); sent a new invitation as ${sent.user.name}.`
      : `Created ${sent.user.email} (${sent.user.role}).`;
  } catch (error) {
    if (!(error instanceof AlreadyInvited)) throw error;
    sent = await resendInvitation(db, siteUrlFromEnv(), error.person.id, {});
    what = `${sent.user.email} was already invited (as ${sent.user.role}, name ${sent.user.name}); sent the invitation again, and the old link no longer works.`;
  }
  // Sent now rather than by a server's worker, which may not be running yet.
  await deliverDueMail(db, createMailer(mailConfigFromEnv()), `user:create:${process.pid}`);
  console.log(`${what} Invitation link, valid for ${describeLifetime(INVITATION_LIFETIME_MS)}:
${sent.link}`);
});
