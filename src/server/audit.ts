/** The audit log: who did what to whom, when, from where. Never a token or a password. */
import { auditLog } from '../../db/schema.ts';
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
  | 'name-changed';

export interface AuditEntry {
  action: AuditAction;
  actorId?: string | null;
  subjectId?: string | null;
  subjectEmail?: string | null;
  clientAddress?: string | null;
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
    createdAt: new Date(now),
  });
}

/** Appends one entry to the audit log in a write transaction of its own. */
export function appendAudit(db: Db, entry: AuditEntry, now = Date.now()): Promise<void> {
  return inWriteTransaction(db, (tx) => recordAudit(tx, entry, now));
}
