import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import { jobLeases, mailQueue } from '../../db/schema.ts';
import { GIVE_UP_AFTER_MS } from '../../src/lib/mail-retry.ts';
import { writeTransaction, type Database } from '../../src/server/db.ts';
import { acquireLease } from '../../src/server/job-leases.ts';
import type { Mailer } from '../../src/server/mail.ts';
import {
  countMailSince,
  deliverDueMail,
  listUndeliveredMail,
  queueMail,
} from '../../src/server/mail-queue.ts';
import { fileUrlOf, freshDatabase } from './fresh-database.ts';
import { recordingMailer } from './helpers.ts';

const message = (n: number) => ({
  kind: 'test',
  to: `person${n}@example.org`,
  subject: `Message ${n}`,
  text: `Open http://flipside.test/invite/secret-${n}`,
  link: `http://flipside.test/invite/secret-${n}`,
});

const failingMailer: Mailer = {
  async send() {
    throw new Error('SMTP server refused the connection');
  },
};

describe('the mail queue', () => {
  test('sends a queued message once and keeps no copy of its link afterwards', async () => {
    const db = await freshDatabase();
    await queueMail(db, message(1));
    const mailer = recordingMailer();
    expect(await deliverDueMail(db, mailer, 'a')).toBe(1);
    expect(await deliverDueMail(db, mailer, 'a')).toBe(0);
    expect(mailer.sent.map((m) => m.to)).toEqual(['person1@example.org']);
    const [row] = await db.select().from(mailQueue);
    expect(row).toMatchObject({ status: 'sent', text: '', link: '', attempts: 1 });
  });

  test('queues nothing when the transaction that asked for the message rolls back', async () => {
    const db = await freshDatabase();
    await expect(
      writeTransaction(db, async (tx) => {
        await queueMail(tx, message(1));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await db.select().from(mailQueue)).toEqual([]);
  });

  test('retries a failed send with backoff and gives up after a day, visibly', async () => {
    const db = await freshDatabase();
    const start = Date.UTC(2026, 10, 27, 9);
    await queueMail(db, message(1), start);
    let now = start;
    const clock = () => now;

    expect(await deliverDueMail(db, failingMailer, 'a', { clock })).toBe(0);
    const [afterOne] = await db.select().from(mailQueue);
    expect(afterOne).toMatchObject({ status: 'queued', attempts: 1 });
    expect(afterOne!.nextAttemptAt.getTime()).toBe(start + 30_000);
    expect(afterOne!.lastError).toMatch(/refused/);

    now = start + 10_000;
    await deliverDueMail(db, failingMailer, 'a', { clock });
    expect((await db.select().from(mailQueue))[0]!.attempts).toBe(1);

    now = start + GIVE_UP_AFTER_MS;
    await deliverDueMail(db, failingMailer, 'a', { clock });
    const [givenUp] = await db.select().from(mailQueue);
    expect(givenUp).toMatchObject({ status: 'failed', text: '', link: '' });
    expect((await listUndeliveredMail(db)).map((m) => m.recipient)).toEqual([
      'person1@example.org',
    ]);

    const mailer = recordingMailer();
    now += 10 * GIVE_UP_AFTER_MS;
    expect(await deliverDueMail(db, mailer, 'a', { clock })).toBe(0);
  });

  test('a send that fails does not hold up the messages behind it', async () => {
    const db = await freshDatabase();
    await queueMail(db, message(1));
    await queueMail(db, message(2));
    const sent: string[] = [];
    const flaky: Mailer = {
      async send(m) {
        if (m.to === 'person1@example.org') throw new Error('mailbox unavailable');
        sent.push(m.to);
      },
    };
    await deliverDueMail(db, flaky, 'a');
    expect(sent).toEqual(['person2@example.org']);
  });

  test('counts what one recipient was sent recently, for limits on how often they are emailed', async () => {
    const db = await freshDatabase();
    const now = Date.now();
    await queueMail(db, message(1), now - 2 * 60 * 60 * 1000);
    await queueMail(db, message(1), now - 60_000);
    await queueMail(db, { ...message(1), kind: 'other' }, now);
    expect(await countMailSince(db, 'person1@example.org', 'test', now - 60 * 60 * 1000)).toBe(1);
  });

  test('two app servers on one database never send the same message', async () => {
    const db = await freshDatabase();
    for (let n = 0; n < 60; n++) await queueMail(db, message(n));
    const go = path.join(mkdtempSync(path.join(tmpdir(), 'flipside-go-')), 'go');
    onTestFinished(() => rmSync(path.dirname(go), { recursive: true, force: true }));
    const workers = ['a', 'b'].map((name) => runWorker(db, { SEND_MS: '5', GO: go }, name));
    await vi.waitFor(() => expect(workers.every((worker) => worker.ready())).toBe(true), {
      timeout: 20_000,
    });
    writeFileSync(go, '');
    expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);
    const [a, b] = workers.map((worker) => worker.sent());
    expect(a!.length).toBeGreaterThan(0);
    expect(b!.length).toBeGreaterThan(0);
    const subjects = [...a!, ...b!];
    expect(subjects).toHaveLength(60);
    expect(new Set(subjects).size).toBe(60);
  }, 60_000);

  test('after a worker is killed mid-batch, a restarted one sends the rest; only the message in flight can go twice', async () => {
    const db = await freshDatabase();
    for (let n = 0; n < 40; n++) await queueMail(db, message(n));
    const doomed = runWorker(db, { SEND_MS: '15' });
    await vi.waitFor(() => expect(doomed.sent().length).toBeGreaterThanOrEqual(10), {
      timeout: 20_000,
    });
    doomed.process.kill('SIGKILL');
    await doomed.exited;
    expect(doomed.sent().length).toBeLessThan(40);

    const successor = runWorker(db, { SEND_MS: '15' });
    expect(await successor.exited).toBe(0);

    const sent = [...doomed.sent(), ...successor.sent()];
    const times = new Map<string, number>();
    for (const subject of sent) times.set(subject, (times.get(subject) ?? 0) + 1);
    expect(times.size).toBe(40);
    expect([...times.values()].filter((count) => count > 1).length).toBeLessThanOrEqual(1);
    const rows = await db.select().from(mailQueue).where(eq(mailQueue.status, 'sent'));
    expect(rows).toHaveLength(40);
  }, 60_000);
});

/** A worker process on the test's database (mail-worker-process.ts), and the subjects it sent. */
function runWorker(db: Database, env: Record<string, string>, name = 'worker') {
  const folder = mkdtempSync(path.join(tmpdir(), 'flipside-mail-'));
  onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
  const out = path.join(folder, `${name}.txt`);
  const child = spawn(process.execPath, ['tests/integration/mail-worker-process.ts'], {
    env: {
      ...process.env,
      ...env,
      DATABASE_URL: process.env.TEST_DATABASE_URL ?? fileUrlOf(db),
      OUT: out,
    },
    stdio: 'inherit',
  });
  return {
    process: child,
    exited: new Promise<number | null>((resolve) => child.once('exit', resolve)),
    ready: () => existsSync(`${out}.ready`),
    sent: () => (existsSync(out) ? readFileSync(out, 'utf8').trim().split('\n') : []),
  };
}

describe('job leases', () => {
  test('let one server run a job per lease and another take over once it expires', async () => {
    const db = await freshDatabase();
    const now = Date.UTC(2026, 10, 27, 9);
    expect(await acquireLease(db, 'housekeeping', 'a', 60_000, now)).toBe(true);
    expect(await acquireLease(db, 'housekeeping', 'b', 60_000, now + 1)).toBe(false);
    expect(await acquireLease(db, 'housekeeping', 'a', 60_000, now + 2)).toBe(false);
    expect(await acquireLease(db, 'housekeeping', 'b', 60_000, now + 60_000)).toBe(true);
    const [lease] = await db.select().from(jobLeases);
    expect(lease).toMatchObject({ job: 'housekeeping', holder: 'b' });
  });

  test('go to exactly one of several servers asking at once', async () => {
    const db = await freshDatabase();
    const now = Date.now();
    const results = await Promise.all(
      ['a', 'b', 'c', 'd'].map((holder) => acquireLease(db, 'reminders', holder, 60_000, now)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });
});
