/**
 * Shared set-up for account tests: a mailer that keeps what it sends, people in given states, and
 * modules passed.
 */
import { expect, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { users } from '../../db/schema.ts';
import { writeTransaction, type Database } from '../../src/server/db.ts';
import type { Mailer, Message } from '../../src/server/mail.ts';
import { deliverDueMail } from '../../src/server/mail-queue.ts';
import { completeModule, recordAnswer } from '../../src/server/progress.ts';
import { hashNewPassword } from '../../src/server/passwords.ts';
import type { Curriculum } from '../../src/lib/curriculum.ts';
import { DEFAULT_LIFETIMES } from '../../src/lib/session-policy.ts';
import { findOrCreateUser, type User } from '../../src/server/users.ts';

export const SITE = 'http://flipside.test';
export const lifetimes = DEFAULT_LIFETIMES;

export function recordingMailer(): Mailer & {
  sent: Message[];
  lastLink: () => string;
  received: (count: number) => Promise<void>;
} {
  const sent: Message[] = [];
  return {
    sent,
    async send(message) {
      sent.push(message);
    },
    /** Waits for mail sent after a request has answered; over a network database that takes a while. */
    received: (count) => vi.waitFor(() => expect(sent).toHaveLength(count), { timeout: 5000 }),
    lastLink: () => {
      const message = sent.at(-1);
      if (!message) throw new Error('No message was sent.');
      return message.link;
    },
  };
}

/**
 * The mail a test's requests queued, as people would receive it: `received(n)` delivers the queue
 * the way a server's worker does, and waits until n messages have arrived in all.
 */
export function mailbox(db: Database) {
  const recorder = recordingMailer();
  return {
    ...recorder,
    received: (count: number) =>
      vi.waitFor(
        async () => {
          await deliverDueMail(db, recorder, 'test');
          expect(recorder.sent).toHaveLength(count);
        },
        { timeout: 5000 },
      ),
  };
}

/** The token at the end of a link from an email. */
export const tokenOf = (link: string) => link.split('/').at(-1)!;

/** An account with a password, as if its invitation had been accepted. */
export async function activeUser(
  db: Database,
  email: string,
  password = 'a long enough password',
  role: 'participant' | 'programme' = 'participant',
): Promise<User> {
  const { user } = await findOrCreateUser(db, { email, name: email.split('@')[0]!, role });
  const passwordHash = await hashNewPassword(password);
  await writeTransaction(db, (tx) =>
    tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)),
  );
  return { ...user, passwordHash };
}

/** Every text value in every table, to prove a secret is stored nowhere. */
export async function everyStoredValue(db: Database): Promise<string> {
  const tables = await db.$client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
  const values: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await db.$client.execute(`SELECT * FROM "${String(name)}"`);
    for (const row of rows.rows) values.push(...Object.values(row).map(String));
  }
  return values.join('\n');
}

/** Answers every question of the module correctly, then marks the module complete. */
export async function passModule(
  db: Database,
  curriculum: Curriculum,
  userId: string,
  moduleId: string,
  at = Date.now(),
): Promise<void> {
  for (const check of curriculum.modules.get(moduleId)!.checks)
    await recordAnswer(db, curriculum, userId, {
      moduleId,
      checkId: check.id,
      option: check.answer,
    });
  await completeModule(db, curriculum, userId, moduleId, at);
}
