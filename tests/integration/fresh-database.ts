/**
 * A real database for each integration test: a new SQLite file with the committed migrations applied,
 * deleted when the test ends, or, under `npm run test:sqld`, the sqld server named by
 * TEST_DATABASE_URL, its tables dropped first so each test starts empty. Never DATABASE_URL, which a
 * developer's `.env` may point at data worth keeping. Call it inside a test, not in `beforeAll`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { migrateDatabase, openDatabase, type Database } from '../../src/server/db.ts';

const fileUrls = new WeakMap<Database, string>();

/** The `file:` URL a fresh local database was opened with, to open a second client on it. */
export function fileUrlOf(db: Database): string {
  const url = fileUrls.get(db);
  if (!url) throw new Error('fileUrlOf needs a database from freshDatabase() on a local file.');
  return url;
}

/** Opens an empty, fully migrated database for this test; a local file is deleted when the test ends. */
export async function freshDatabase(): Promise<Database> {
  const remote = process.env.TEST_DATABASE_URL;
  if (remote && !remote.startsWith('file:')) {
    const db = openDatabase({ url: remote });
    await dropEverything(db);
    await migrateDatabase(db);
    return db;
  }
  const folder = mkdtempSync(path.join(tmpdir(), 'flipside-test-'));
  const url = `file:${path.join(folder, 'test.db')}`;
  const db = openDatabase({ url });
  fileUrls.set(db, url);
  onTestFinished(() => {
    db.$client.close();
    rmSync(folder, { recursive: true, force: true });
  });
  await migrateDatabase(db);
  return db;
}

async function dropEverything(db: Database): Promise<void> {
  const tables = await db.$client.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_litestream%'",
  );
  await db.$client.execute('PRAGMA foreign_keys = OFF');
  for (const row of tables.rows)
    await db.$client.execute(`DROP TABLE IF EXISTS "${String(row.name)}"`);
  await db.$client.execute('PRAGMA foreign_keys = ON');
}
