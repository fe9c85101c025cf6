/** The audit log: who did what to whom, when, from where. Never a token or a password. */
import { and, count, desc, eq, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import { auditLog, users, waves } from '../../db/schema.ts';
import { inWriteTransaction, type Db, type Transaction } from './db.ts';

export type AuditAction =
  | 'invitation-sent'
  | 'invitation-accepted'
  | 'sign-in'
  | 'sign-in-failed'
  | 'password-change-failed'
  | 'sign-in-throttled'
  | 'sign-out'
  | 'sign-out-everywhere'
  | 'password-changed'
  | 'password-reset-requested'
  | 'password-reset'
  | 'role-granted'
  | 'role-removed'
  | 'account-disabled'
  | 'account-enabled'
  | 'name-changed'
  | 'wave-created'
  | 'wave-changed'
  | 'wave-closed'
  | 'event-added'
  | 'event-changed'
  | 'event-removed'
  | 'member-added'
  | 'members-imported'
  | 'member-withdrawn'
  | 'member-reinstated'
  | 'member-role-changed'
  | 'roster-exported'
  | 'announcement-posted'
  | 'announcement-edited'
  | 'announcement-removed'
  | 'calendar-link-renewed';

export interface AuditEntry {
  action: AuditAction;
  actorId?: string | null;
  subjectId?: string | null;
  subjectEmail?: string | null;
  clientAddress?: string | null;
  /** The wave the change belongs to, for the console's history of a wave. */
  waveId?: string | null;
  detail?: Record<string, string | number | boolean>;
}

/** Appends one entry to the audit log, inside the caller's write transaction. */
export async function recordAudit(tx: Transaction, entry: AuditEntry, now = Date.now()) {
  await tx.insert(auditLog).values({
    action: entry.action,
    actorId: entry.actorId ?? null,
    subjectId: entry.subjectId ?? null,
    subjectEmail: entry.subjectEmail ?? null,
    clientAddress: entry.clientAddress ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    waveId: entry.waveId ?? null,
    createdAt: new Date(now),
  });
}

/** Appends one entry to the audit log in a write transaction of its own. */
export function appendAudit(db: Db, entry: AuditEntry, now = Date.now()): Promise<void> {
  return inWriteTransaction(db, (tx) => recordAudit(tx, entry, now));
}

export interface AuditFilter {
  waveId?: string | undefined;
  /** Entries where this person acted or was acted upon. */
  personId?: string | undefined;
}

export const AUDIT_PAGE_SIZE = 50;

/**
 * One page of the audit log, newest first, with the names of who acted, on whom and in which
 * wave, and how many entries match in all.
 */
export async function listAuditEntries(db: Db, filter: AuditFilter, page = 1) {
  const actor = alias(users, 'actor');
  const subject = alias(users, 'subject');
  const conditions: SQL[] = [];
  if (filter.waveId) conditions.push(eq(auditLog.waveId, filter.waveId));
  if (filter.personId)
    conditions.push(
      or(eq(auditLog.subjectId, filter.personId), eq(auditLog.actorId, filter.personId))!,
    );
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [entries, [total]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        action: auditLog.action,
        createdAt: auditLog.createdAt,
        clientAddress: auditLog.clientAddress,
        detail: auditLog.detail,
        actorId: auditLog.actorId,
        actorName: actor.name,
        subjectId: auditLog.subjectId,
        subjectName: subject.name,
        subjectEmail: auditLog.subjectEmail,
        waveName: waves.name,
        waveSlug: waves.slug,
      })
      .from(auditLog)
      .leftJoin(actor, eq(actor.id, auditLog.actorId))
      .leftJoin(subject, eq(subject.id, auditLog.subjectId))
      .leftJoin(waves, eq(waves.id, auditLog.waveId))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
      .limit(AUDIT_PAGE_SIZE)
      .offset((Math.max(1, page) - 1) * AUDIT_PAGE_SIZE),
    db.select({ entries: count() }).from(auditLog).where(where),
  ]);
  return { entries, total: total?.entries ?? 0 };
}
