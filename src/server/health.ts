/** The health check behind `/healthz`: a real query, so a reachable but broken database fails too. */
import type { Database } from './db.ts';

export type Health =
  | { status: 'ok'; database: 'ok' }
  | { status: 'unavailable'; database: 'unreachable'; reason: string };

/** Opens the database (through `open`) and runs one query; reports whether it answered. */
export async function checkHealth(open: () => Database): Promise<Health> {
  try {
    await open().$client.execute('SELECT count(*) FROM users');
    return { status: 'ok', database: 'ok' };
  } catch (error) {
    // The details (addresses, file paths) go to the log, not to whoever asks.
    console.error(
      'Health check: the database did not answer:',
      error instanceof Error ? error.message : error,
    );
    return {
      status: 'unavailable',
      database: 'unreachable',
      reason: 'The database did not answer a query.',
    };
  }
}
