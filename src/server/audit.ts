/** The audit log: who did what to whom, when, from where. Never a token or a password. */
import { auditLog } from '../../db/schema.ts';
import type { Database, Transaction } from './db.ts';

export type AuditAction =
  | 'invitation-sent'
  | 'invitation-accepted'
  | 'sign-in'
  | 'sign-in-failed'
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

/** Appends one entry to the audit log. */
export async function recordAudit(db: Database | Transaction, entry: AuditEntry, now = Date.now()) {
  await db.insert(auditLog).values({
    action: entry.action,
    actorId: entry.actorId ?? null,
    subjectId: entry.subjectId ?? null,
    subjectEmail: entry.subjectEmail ?? null,
    clientAddress: entry.clientAddress ?? null,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
    createdAt: new Date(now),
  });
}
