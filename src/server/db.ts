/**
 * Opens the database: a local SQLite file through libSQL, or a libSQL server (`sqld`, Turso) when
 * the URL is `libsql://`, `http(s)://` or `ws(s)://`.
 *
 * Journal mode: WAL, chosen by measurement (`npm run bench:db`): 200 concurrent read-then-write
 * transactions with 200 reads beside them took about 115 ms in WAL and 190 ms with the rollback
 * journal (about 1,700 against 1,000 writes a second), and in WAL readers on other connections never
 * wait for a writer. WAL is a property of the database file, so setting it once reaches every pooled
 * connection; the busy timeout goes through the client's own `timeout` option, which libSQL applies
 * to each connection it opens, and libSQL opens connections with foreign keys on.
 * `verifyConnections` proves all three.
 */
import { createClient, type Client } from '@libsql/client';
import type { BatchItem, BatchResponse } from 'drizzle-orm/batch';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import * as schema from '../../db/schema.ts';

export interface DatabaseConfig {
  url: string;
  authToken?: string;
  /** How long a statement waits for another writer's lock before failing with SQLITE_BUSY. */
  busyTimeoutMs?: number;
}

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };

export const BUSY_TIMEOUT_MS = 5000;
const LOCAL_CONNECTIONS = 4;

/** Whether the URL names a local file rather than a libSQL server. */
export function isLocalFile(url: string): boolean {
  return url.startsWith('file:');
}

/** Opens the database, creating a local file's folder on first run. */
export function openDatabase(config: DatabaseConfig): Database {
  if (isLocalFile(config.url)) {
    const filePath = config.url.slice('file:'.length);
    mkdirSync(path.dirname(path.resolve(filePath)), { recursive: true });
  }
  const client = createClient({
    url: config.url,
    ...(config.authToken ? { authToken: config.authToken } : {}),
    timeout: config.busyTimeoutMs ?? BUSY_TIMEOUT_MS,
    concurrency: isLocalFile(config.url) ? LOCAL_CONNECTIONS : 20,
  });
  return drizzle(client, { schema });
}

/** Applies the committed migrations in `db/migrations`, and on a local file switches it to WAL. */
export async function migrateDatabase(
  db: Database,
  migrationsFolder = path.resolve('db/migrations'),
): Promise<void> {
  if (db.$client.protocol === 'file') {
    await db.$client.execute('PRAGMA journal_mode = WAL');
  }
  await migrate(db, { migrationsFolder });
}

export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * The database, or a transaction a caller has opened. Server functions take either, so a caller can
 * make several of them one atomic change: `writeTransaction(db, (tx) => ...)` around the calls.
 */
export type Db = Database | Transaction;

/**
 * Runs `work` atomically: inside the caller's transaction when given one (it commits or rolls back
 * with everything else the caller does), otherwise in a write transaction of its own.
 */
export function inWriteTransaction<T>(db: Db, work: (tx: Transaction) => Promise<T>): Promise<T> {
  return db instanceof SQLiteTransaction ? work(db) : writeTransaction(db, work);
}

/**
 * A read built once per database and kept prepared, with `sql.placeholder` for what varies, for reads
 * that run on every request: building a query's SQL costs more than running it on a local file
 * (about 0.1 ms against 0.03 a query on this machine). Inside a transaction it is built afresh.
 */
export function preparedOnce<T>(build: (db: Db) => T): (db: Db) => T {
  const prepared = new WeakMap<Database, T>();
  return (db) => {
    if (db instanceof SQLiteTransaction) return build(db);
    let query = prepared.get(db);
    if (!query) prepared.set(db, (query = build(db)));
    return query;
  };
}

/**
 * Runs several reads as one: on the database, one batch (a single round trip to a libSQL server, one
 * consistent snapshot); inside a transaction, in turn, seeing the transaction's own writes.
 */
export function readTogether<U extends BatchItem<'sqlite'>, T extends Readonly<[U, ...U[]]>>(
  db: Db,
  queries: T,
): Promise<BatchResponse<T>> {
  if (db instanceof SQLiteTransaction) {
    return (async () => {
      const results: unknown[] = [];
      // Drizzle's query builders are promises that run when awaited (BatchItem does not say so);
      // inside a transaction they run one at a time.
      for (const query of queries) results.push(await (query as unknown as PromiseLike<unknown>));
      return results as BatchResponse<T>;
    })();
  }
  return db.batch(queries);
}

const writeQueues = new WeakMap<Database, Promise<unknown>>();

/**
 * Runs `work` in a write (BEGIN IMMEDIATE) transaction, so a read-then-write never fails half way
 * with SQLITE_BUSY. Every write goes through here. This process's write transactions take turns:
 * SQLite admits one writer at a time anyway, and libSQL's pool refuses a new transaction outright
 * while open ones hold all its connections. Another process's lock is waited out for the busy
 * timeout; if that runs out, the client's connections are replaced before anything else uses them.
 */
export function writeTransaction<T>(
  db: Database,
  work: (tx: Transaction) => Promise<T>,
): Promise<T> {
  const previous = writeQueues.get(db) ?? Promise.resolve();
  const result = previous.then(() =>
    db.transaction(work).catch((error: unknown) => {
      // A statement that failed busy is never finalised, and the next transaction on its connection
      // keeps the write lock until the process exits (libsql-client-ts #352): drop those connections.
      if (isBusyError(error) && db.$client.protocol === 'file') db.$client.reconnect();
      throw error;
    }),
  );
  writeQueues.set(
    db,
    result.catch(() => undefined),
  );
  return result;
}

function isBusyError(error: unknown): boolean {
  for (let cause = error; cause instanceof Error; cause = cause.cause) {
    if ('code' in cause && String(cause.code).startsWith('SQLITE_BUSY')) return true;
  }
  return false;
}

export interface ConnectionSettings {
  journalMode: string;
  busyTimeout: number;
  foreignKeys: boolean;
}

/**
 * Reads the settings on each of `count` connections at once (each held by its own read
 * transaction, so no two reads share a connection).
 */
export async function verifyConnections(
  db: Database,
  count = LOCAL_CONNECTIONS,
): Promise<ConnectionSettings[]> {
  const transactions = await Promise.all(
    Array.from({ length: count }, () => db.$client.transaction('read')),
  );
  try {
    return await Promise.all(
      transactions.map(async (transaction) => {
        const [journal, timeout, keys] = await transaction.batch([
          'PRAGMA journal_mode',
          'PRAGMA busy_timeout',
          'PRAGMA foreign_keys',
        ]);
        return {
          journalMode: String(journal?.rows[0]?.[0]),
          busyTimeout: Number(timeout?.rows[0]?.[0]),
          foreignKeys: Number(keys?.rows[0]?.[0]) === 1,
        };
      }),
    );
  } finally {
    for (const transaction of transactions) transaction.close();
  }
}
