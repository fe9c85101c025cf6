/**
 * `npm run bench:db`: the measurement behind the journal mode in `src/server/db.ts`. For WAL and
 * the rollback journal (DELETE), 200 concurrent read-then-write transactions through
 * `writeTransaction`, while 200 reads run beside them, on a fresh database file; prints the times.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { users } from '../db/schema.ts';
import { migrateDatabase, openDatabase, writeTransaction } from '../src/server/db.ts';

const WRITES = 200;
const READS = 200;

async function measure(journalMode: 'WAL' | 'DELETE') {
  const folder = mkdtempSync(path.join(tmpdir(), 'flipside-bench-'));
  const file = path.join(folder, 'bench.db');
  const db = openDatabase({ url: `file:${file}` });
  await migrateDatabase(db);
  await db.$client.execute(`PRAGMA journal_mode = ${journalMode}`);
  const started = performance.now();
  const readTimes: number[] = [];
  const writes = Array.from({ length: WRITES }, (_, i) =>
    writeTransaction(db, async (tx) => {
      const [{ total }] = (await tx.select({ total: count() }).from(users)) as [{ total: number }];
      await tx
        .insert(users)
        .values({ id: `u${i}`, email: `p${i}@example.org`, name: `Person ${total}` });
    }),
  );
  const reads = Array.from({ length: READS }, async () => {
    const start = performance.now();
    await db.select({ total: count() }).from(users);
    readTimes.push(performance.now() - start);
  });
  await Promise.all([...writes, ...reads]);
  const elapsed = performance.now() - started;
  readTimes.sort((a, b) => a - b);
  const p95 = readTimes[Math.floor(readTimes.length * 0.95)] ?? 0;
  db.$client.close();
  rmSync(folder, { recursive: true, force: true });
  return { elapsed, p95 };
}

for (const mode of ['WAL', 'DELETE'] as const) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(await measure(mode));
  const best = runs.sort((a, b) => a.elapsed - b.elapsed)[0]!;
  console.log(
    `${mode.padEnd(6)} ${WRITES} writes + ${READS} reads: ${best.elapsed.toFixed(0)} ms in all (best of 3), ` +
      `read p95 ${best.p95.toFixed(1)} ms, ${((WRITES / best.elapsed) * 1000).toFixed(0)} writes/s`,
  );
}
