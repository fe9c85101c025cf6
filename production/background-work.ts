/**
 * The work each app server does beside answering requests: sending queued mail, and hourly
 * housekeeping under a lease so that it runs once per hour across every server. Timers never keep
 * the process alive by themselves.
 */
import { hostname } from 'node:os';
import { HOUR, MINUTE } from '../src/lib/session-policy.ts';
import type { Database } from '../src/server/db.ts';
import { pruneExpiredRecords } from '../src/server/housekeeping.ts';
import { acquireLease } from '../src/server/job-leases.ts';
import type { Mailer } from '../src/server/mail.ts';
import { deliverDueMail } from '../src/server/mail-queue.ts';

export interface BackgroundWork {
  stop(): void;
}

/** Starts the mail worker (every `mailIntervalMs`) and housekeeping; `stop` ends both. */
export function startBackgroundWork(
  db: Database,
  mailer: Mailer,
  { mailIntervalMs = 1000 }: { mailIntervalMs?: number } = {},
): BackgroundWork {
  const holder = `${hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const log = (what: string) => (error: unknown) =>
    console.error(`${what} failed:`, error instanceof Error ? error.message : error);

  let delivering = false;
  const deliver = async () => {
    if (delivering) return;
    delivering = true;
    await deliverDueMail(db, mailer, holder)
      .catch(log('Sending queued mail'))
      .finally(() => (delivering = false));
  };
  const housekeep = async () => {
    if (await acquireLease(db, 'housekeeping', holder, HOUR)) await pruneExpiredRecords(db);
  };

  const timers = [
    setInterval(deliver, mailIntervalMs),
    setInterval(() => housekeep().catch(log('Housekeeping')), 5 * MINUTE),
  ];
  for (const timer of timers) timer.unref();
  void deliver();
  housekeep().catch(log('Housekeeping'));
  return {
    stop: () => timers.forEach(clearInterval),
  };
}
