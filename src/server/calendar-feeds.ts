/**
 * Each person's secret calendar link: `/cohorts/<wave>/calendar.ics?key=<token>`, which a calendar
 * app fetches without a session. One token per person works for every wave they belong to;
 * renewing it replaces the token, so the old link stops working at once.
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import { calendarFeeds } from '../../db/schema.ts';
import { recordAudit } from './audit.ts';
import { inWriteTransaction, preparedOnce, type Db } from './db.ts';

const TOKEN_BYTES = 20; // 160 bits
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

function newToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES)));
}

const tokenOfUser = preparedOnce((db) =>
  db
    .select({ token: calendarFeeds.token })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.userId, sql.placeholder('userId')))
    .prepare(),
);

/** The person's calendar token, created on first use. */
export async function calendarTokenOf(db: Db, userId: string, now = Date.now()): Promise<string> {
  const [found] = await tokenOfUser(db).all({ userId });
  if (found) return found.token;
  return inWriteTransaction(db, async (tx) => {
    const [row] = await tx
      .insert(calendarFeeds)
      .values({ userId, token: newToken(), createdAt: new Date(now) })
      .onConflictDoUpdate({ target: calendarFeeds.userId, set: { userId } })
      .returning({ token: calendarFeeds.token });
    return row!.token;
  });
}

/** Replaces the person's calendar token; the old link stops working. */
export async function renewCalendarToken(
  db: Db,
  userId: string,
  clientAddress: string | null,
  now = Date.now(),
): Promise<string> {
  return inWriteTransaction(db, async (tx) => {
    const token = newToken();
    await tx
      .insert(calendarFeeds)
      .values({ userId, token, createdAt: new Date(now) })
      .onConflictDoUpdate({
        target: calendarFeeds.userId,
        set: { token, createdAt: new Date(now) },
      });
    await recordAudit(
      tx,
      { action: 'calendar-link-renewed', actorId: userId, subjectId: userId, clientAddress },
      now,
    );
    return token;
  });
}

/** Whose calendar link this is, or undefined for a token that is malformed, old or unknown. */
export async function findCalendarOwner(db: Db, token: string | null): Promise<string | undefined> {
  if (!token || !TOKEN_PATTERN.test(token)) return undefined;
  const [found] = await db
    .select({ userId: calendarFeeds.userId })
    .from(calendarFeeds)
    .where(eq(calendarFeeds.token, token));
  return found?.userId;
}
