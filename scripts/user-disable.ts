/** `npm run user:disable -- --email a@example.org`: disables an account and ends its sessions. */
import { setDisabled } from '../src/server/people.ts';
import { findUserByEmail } from '../src/server/users.ts';
import { openDatabase } from '../src/server/db.ts';
import { readOptions, runAgainst } from './cli-args.ts';
import { databaseConfigFromEnv } from '../production/environment.ts';

const { email } = readOptions('npm run user:disable -- --email a@example.org', ['email']);
const db = openDatabase(databaseConfigFromEnv());
await runAgainst(db, async () => {
  const user = await findUserByEmail(db, email);
  if (!user) {
    console.error(`No account has the email ${email}.`);
    process.exitCode = 1;
  } else {
    await setDisabled(db, user.id, true, { actorId: null, clientAddress: 'command line' });
    console.log(`Disabled ${user.email}; their sessions have ended.`);
  }
});
