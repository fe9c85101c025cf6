/**
 * `npm start`: builds when the build is missing or older than the sources, applies migrations
 * (unless MIGRATE_ON_START=false), and serves the production build on http://localhost:4321 (HOST and PORT override).
 */
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { migrateDatabase, openDatabase } from '../src/server/db.ts';
import { countUsers } from '../src/server/people.ts';
import { createMailer } from '../src/server/mail.ts';
import { mailSettingsProblem } from '../src/lib/mail-settings.ts';
import { startBackgroundWork } from './background-work.ts';
import { databaseConfigFromEnv, mailConfigFromEnv } from './environment.ts';
import { createProductionServer } from './server.ts';
import { refuseUnservable } from './unservable-requests.ts';

const ENTRY = 'dist/server/entry.mjs';
const SOURCES = ['src', 'content', 'public', 'db', 'astro.config.mjs', 'package-lock.json'];

/** The newest modification time under the given paths. */
function newestChange(paths: string[]): number {
  let newest = 0;
  for (const entry of paths.filter((p) => existsSync(p))) {
    const stats = statSync(entry);
    const files = stats.isDirectory()
      ? readdirSync(entry, { recursive: true, encoding: 'utf8' }).map((f) => path.join(entry, f))
      : [entry];
    for (const file of files) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

const config = databaseConfigFromEnv();
const problem = mailSettingsProblem(process.env);
if (problem) {
  console.error(`Flipside will not start: ${problem}`);
  process.exit(1);
}
if (!existsSync(ENTRY) || statSync(ENTRY).mtimeMs < newestChange(SOURCES)) {
  // Every server must run the one build made for the deployment (README, "Deploying").
  if (process.env.NODE_ENV === 'production') {
    console.error(
      'Flipside will not start: the build is missing or older than the sources. Deploy a build made with npm run build.',
    );
    process.exit(1);
  }
  console.log('Building Flipside (the build is missing or older than the sources)...');
  execSync('npm run build', { stdio: 'inherit' });
}

// Several app servers run migrations as a deploy step instead (README, "Growing past one machine"),
// and start without touching the database, so one that is down shows in /healthz, not as a crash.
if (process.env.MIGRATE_ON_START !== 'false') {
  const db = openDatabase(config);
  await migrateDatabase(db);
  if ((await countUsers(db)) === 0) {
    console.log(
      'There are no accounts yet. Create the first member of the programme team (it prints an invitation link):\n' +
        '  npm run user:create -- --email you@example.org --name "Your Name" --role programme\n' +
        'or, on a laptop, demo accounts with printed passwords: npm run db:seed',
    );
  }
  db.$client.close();
}

const { handler } = await import(pathToFileURL(path.resolve(ENTRY)).href);
const siteUrl = process.env.SITE_URL ?? '';
const server = createProductionServer({
  handler: refuseUnservable(handler),
  clientDir: 'dist/client',
  https: siteUrl.startsWith('https:'),
});
const host = process.env.HOST || 'localhost';
const port = Number(process.env.PORT || 4321);
server.listen(port, host, () => {
  console.log(`Flipside is serving on http://${host}:${port} (database ${config.url})`);
});
// Queued mail and hourly housekeeping, each safe beside other app servers on the same database.
const background = startBackgroundWork(openDatabase(config), createMailer(mailConfigFromEnv()));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    background.stop();
    server.close(() => process.exit(0));
  });
}
