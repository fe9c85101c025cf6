import { count } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { users } from '../../db/schema.ts';
import {
  BUSY_TIMEOUT_MS,
  isLocalFile,
  openDatabase,
  verifyConnections,
  writeTransaction,
} from '../../src/server/db.ts';
import { fileUrlOf } from './fresh-database.ts';
import { checkHealth } from '../../src/server/health.ts';
import { freshDatabase } from './fresh-database.ts';

const local = isLocalFile(process.env.TEST_DATABASE_URL ?? 'file:');

describe('database', () => {
  test.runIf(local)(
    'sets WAL, the busy timeout and foreign keys on every pooled connection',
    async () => {
      const db = await freshDatabase();
      const settings = await verifyConnections(db);
      expect(settings).toHaveLength(4);
      for (const connection of settings) {
        expect(connection).toEqual({
          journalMode: 'wal',
          busyTimeout: BUSY_TIMEOUT_MS,
          foreignKeys: true,
        });
      }
    },
  );

  test('loses none of 200 concurrent read-then-write transactions and keeps answering', async () => {
    const db = await freshDatabase();
    const writes = Array.from({ length: 200 }, (_, i) =>
      writeTransaction(db, async (tx) => {
        const [{ total }] = (await tx.select({ total: count() }).from(users)) as [
          { total: number },
        ];
        await tx
          .insert(users)
          .values({ id: `user-${i}`, email: `p${i}@example.org`, name: `Person ${total + 1}` });
      }),
    );
    const results = await Promise.allSettled(writes);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const names = (await db.select({ name: users.name }).from(users)).map((row) => row.name);
    expect(new Set(names).size).toBe(200);

    await db.insert(users).values({ id: 'after', email: 'after@example.org', name: 'After' });
    expect(await checkHealth(() => db)).toEqual({ status: 'ok', database: 'ok' });
  });

  test.runIf(local)('recovers after a write fails on another connection’s lock', async () => {
    const db = await freshDatabase();
    const url = fileUrlOf(db);
    const impatient = openDatabase({ url, busyTimeoutMs: 100 });
    const holder = await db.$client.transaction('write');
    await holder.execute(
      "INSERT INTO users (id, email, name) VALUES ('h', 'h@example.org', 'Holder')",
    );
    await expect(
      writeTransaction(impatient, (tx) =>
        tx.insert(users).values({ id: 'x', email: 'x@example.org', name: 'X' }),
      ),
    ).rejects.toMatchObject({ cause: { code: expect.stringMatching(/^SQLITE_BUSY/) } });
    await holder.commit();
    holder.close();

    await writeTransaction(impatient, (tx) =>
      tx.insert(users).values({ id: 'y', email: 'y@example.org', name: 'Y' }),
    );
    await writeTransaction(db, (tx) =>
      tx.insert(users).values({ id: 'z', email: 'z@example.org', name: 'Z' }),
    );
    const ids = (await db.select({ id: users.id }).from(users)).map((row) => row.id).sort();
    expect(ids).toEqual(['h', 'y', 'z']);
    impatient.$client.close();
  });

  test('reports the database unreachable when it cannot be opened', async () => {
    const health = await checkHealth(() => {
      throw new Error('SQLITE_CANTOPEN: unable to open database file');
    });
    expect(health).toMatchObject({ status: 'unavailable', database: 'unreachable' });
    expect(health).toHaveProperty('reason', 'The database did not answer a query.');
  });

  // The local client keeps statements prepared per connection (patches/@libsql+client+*.patch).
  test('answers a repeated statement afresh: with other arguments, and after it failed', async () => {
    const db = await freshDatabase();
    const run = (sql: string, args: (string | number)[] = []) => db.$client.execute({ sql, args });
    await run('create table notes (id integer primary key, body text)');
    await run('insert into notes (body) values (?), (?)', ['first', 'second']);
    const rowsOf = async (id: number) =>
      (await run('select * from notes where id = ?', [id])).rows.map((row) => ({ ...row }));
    expect(await rowsOf(1)).toEqual([{ id: 1, body: 'first' }]);
    expect(await rowsOf(2)).toEqual([{ id: 2, body: 'second' }]);
    expect(await rowsOf(3)).toEqual([]);

    const insert = 'insert into notes (id, body) values (?, ?)';
    await expect(run(insert, [1, 'again'])).rejects.toThrow(/UNIQUE/);
    await run(insert, [3, 'third']);
    expect(await rowsOf(3)).toEqual([{ id: 3, body: 'third' }]);
  });

  test('reads the columns a table has now after a schema change', async () => {
    const db = await freshDatabase();
    const run = (sql: string) => db.$client.execute(sql);
    await run('create table notes (id integer primary key, body text)');
    await run("insert into notes (body) values ('first')");
    const firstRow = async () => ({ ...(await run('select * from notes')).rows[0] });
    expect(await firstRow()).toEqual({ id: 1, body: 'first' });
    await run('alter table notes add column author text');
    await run("update notes set author = 'Ada'");
    expect(await firstRow()).toEqual({ id: 1, body: 'first', author: 'Ada' });
    await run('alter table notes drop column body');
    expect(await firstRow()).toEqual({ id: 1, author: 'Ada' });
  });
});
