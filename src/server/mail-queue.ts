/**
 * The durable mail queue. A request adds a row in its own transaction (`queueMail`), so an email
 * exists exactly when the change it announces does; workers (`deliverDueMail`) claim one row at a
 * time with an atomic UPDATE ... RETURNING, so two app servers never send the same message, and a
 * worker that dies leaves a claim that expires and is taken over. The cost of that guarantee: a
 * message being sent at the moment a worker dies may go out twice; no other can.
 */
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import { mailQueue } from '../../db/schema.ts';
import { retryDelay, shouldGiveUp } from '../lib/mail-retry.ts';
import { inWriteTransaction, writeTransaction, type Database, type Db } from './db.ts';
import type { Mailer, Message } from './mail.ts';

/** How long a claim lasts: longer than any send takes, short enough that a dead worker's row is soon retried. */
export const CLAIM_MS = 60_000;

export type QueuedMail = typeof mailQueue.$inferSelect;

/** Adds a message to the queue, inside the caller's transaction when given one. */
export async function queueMail(
  db: Db,
  message: Message & { kind: string },
  now = Date.now(),
): Promise<void> {
  await inWriteTransaction(db, (tx) =>
    tx.insert(mailQueue).values({
      id: crypto.randomUUID(),
      recipient: message.to,
      kind: message.kind,
      subject: message.subject,
      text: message.text,
      link: message.link,
      nextAttemptAt: new Date(now),
      createdAt: new Date(now),
    }),
  );
}

/** Claims the oldest message that is due and not held by a live claim, or returns undefined. */
export async function claimNextMail(
  db: Database,
  holder: string,
  now = Date.now(),
  claimMs = CLAIM_MS,
): Promise<QueuedMail | undefined> {
  const [claimed] = await writeTransaction(db, (tx) => {
    const due = tx
      .select({ id: mailQueue.id })
      .from(mailQueue)
      .where(
        and(
          eq(mailQueue.status, 'queued'),
          lte(mailQueue.nextAttemptAt, new Date(now)),
          or(isNull(mailQueue.claimedUntil), lte(mailQueue.claimedUntil, new Date(now))),
        ),
      )
      .orderBy(asc(mailQueue.nextAttemptAt), asc(mailQueue.createdAt))
      .limit(1);
    return tx
      .update(mailQueue)
      .set({
        claimedBy: holder,
        claimedUntil: new Date(now + claimMs),
        attempts: sql`${mailQueue.attempts} + 1`,
      })
      .where(inArray(mailQueue.id, due))
      .returning();
  });
  return claimed;
}

/** Records a sent message and blanks its text, which may hold a single-use link. */
async function markSent(db: Database, id: string, holder: string, now: number): Promise<void> {
  await writeTransaction(db, (tx) =>
    tx
      .update(mailQueue)
      .set({ status: 'sent', sentAt: new Date(now), text: '', link: '', claimedUntil: null })
      .where(and(eq(mailQueue.id, id), eq(mailQueue.claimedBy, holder))),
  );
}

/** Schedules another try with backoff, or gives up after a day and blanks the text. */
async function markFailed(
  db: Database,
  mail: QueuedMail,
  holder: string,
  error: unknown,
  now: number,
): Promise<void> {
  const lastError = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  const givingUp = shouldGiveUp(mail.createdAt.getTime(), now);
  await writeTransaction(db, (tx) =>
    tx
      .update(mailQueue)
      .set(
        givingUp
          ? { status: 'failed', lastError, text: '', link: '', claimedUntil: null }
          : {
              lastError,
              claimedUntil: null,
              nextAttemptAt: new Date(now + retryDelay(mail.attempts)),
            },
      )
      .where(and(eq(mailQueue.id, mail.id), eq(mailQueue.claimedBy, holder))),
  );
}

/**
 * Sends every message that is due, one claim at a time, and returns how many were sent. A failed
 * send is retried later; it never stops the messages behind it.
 */
export async function deliverDueMail(
  db: Database,
  mailer: Mailer,
  holder: string,
  { clock = Date.now, claimMs = CLAIM_MS }: { clock?: () => number; claimMs?: number } = {},
): Promise<number> {
  let sent = 0;
  for (let mail = await claimNextMail(db, holder, clock(), claimMs); mail;) {
    try {
      await mailer.send({
        to: mail.recipient,
        subject: mail.subject,
        text: mail.text,
        link: mail.link,
      });
      await markSent(db, mail.id, holder, clock());
      sent += 1;
    } catch (error) {
      console.error(
        `Could not send "${mail.subject}" to ${mail.recipient}:`,
        error instanceof Error ? error.message : error,
      );
      await markFailed(db, mail, holder, error, clock());
    }
    mail = await claimNextMail(db, holder, clock(), claimMs);
  }
  return sent;
}

/** Messages the queue gave up on, newest first, for the programme console. */
export function listUndeliveredMail(db: Db, limit = 50) {
  return db
    .select({
      id: mailQueue.id,
      recipient: mailQueue.recipient,
      kind: mailQueue.kind,
      subject: mailQueue.subject,
      attempts: mailQueue.attempts,
      lastError: mailQueue.lastError,
      createdAt: mailQueue.createdAt,
    })
    .from(mailQueue)
    .where(eq(mailQueue.status, 'failed'))
    .orderBy(desc(mailQueue.createdAt))
    .limit(limit);
}

/** How many messages were queued for this recipient and kind since `since`: for limits on how often a person is emailed. */
export async function countMailSince(
  db: Db,
  recipient: string,
  kind: string,
  since: number,
): Promise<number> {
  const [row] = await db
    .select({ count: sql<number>`count(*)` })
    .from(mailQueue)
    .where(
      and(
        eq(mailQueue.recipient, recipient),
        eq(mailQueue.kind, kind),
        sql`${mailQueue.createdAt} >= ${since}`,
      ),
    );
  return Number(row?.count ?? 0);
}
