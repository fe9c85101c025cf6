/**
 * Leases for periodic jobs: an app server runs a job only while it holds the job's lease, and a
 * lease is taken only once the last one has run out, so across every server the job runs once per
 * lease. A server that dies holding a lease just lets it expire.
 */
import { sql } from 'drizzle-orm';
import { jobLeases } from '../../db/schema.ts';
import { writeTransaction, type Database } from './db.ts';

/** Takes the job's lease for `durationMs` when it is free or expired; true when this holder now has it. */
export async function acquireLease(
  db: Database,
  job: string,
  holder: string,
  durationMs: number,
  now = Date.now(),
): Promise<boolean> {
  const taken = await writeTransaction(db, (tx) =>
    tx
      .insert(jobLeases)
      .values({ job, holder, until: new Date(now + durationMs) })
      .onConflictDoUpdate({
        target: jobLeases.job,
        set: { holder, until: new Date(now + durationMs) },
        setWhere: sql`${jobLeases.until} <= ${now}`,
      })
      .returning({ holder: jobLeases.holder }),
  );
  return taken[0]?.holder === holder;
}
