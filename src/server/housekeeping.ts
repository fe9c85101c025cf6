/**
 * Deletes what nothing needs any more, so throttling and token tables stay small however hard the
 * sign-in form is hammered: expired sessions and trusted-device cookies, links a day past expiry, attempts older than the
 * throttling window needs, and buckets long since full again. The audit log is kept.
 */
import { lt } from 'drizzle-orm';
import {
  authAttempts,
  invitations,
  passwordResets,
  rateLimits,
  sessions,
  trustedDevices,
} from '../../db/schema.ts';
import { DAY, HOUR } from '../lib/session-policy.ts';
import { writeTransaction, type Database } from './db.ts';

/** Removes expired records; returns how many rows went from each table. */
export async function pruneExpiredRecords(
  db: Database,
  now = Date.now(),
): Promise<Record<string, number>> {
  return writeTransaction(db, async (tx) => {
    const removed = {
      sessions: await tx.delete(sessions).where(lt(sessions.expiresAt, new Date(now))),
      invitations: await tx
        .delete(invitations)
        .where(lt(invitations.expiresAt, new Date(now - DAY))),
      passwordResets: await tx
        .delete(passwordResets)
        .where(lt(passwordResets.expiresAt, new Date(now - DAY))),
      authAttempts: await tx
        .delete(authAttempts)
        .where(lt(authAttempts.createdAt, new Date(now - DAY))),
      trustedDevices: await tx
        .delete(trustedDevices)
        .where(lt(trustedDevices.expiresAt, new Date(now))),
      rateLimits: await tx
        .delete(rateLimits)
        .where(lt(rateLimits.refilledAt, new Date(now - HOUR))),
    };
    return Object.fromEntries(
      Object.entries(removed).map(([table, result]) => [table, result.rowsAffected]),
    );
  });
}
