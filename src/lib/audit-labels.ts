/** How the audit log names each kind of entry, for the programme console. */
import type { AuditAction } from '../server/audit.ts';

export const AUDIT_LABELS: Record<AuditAction, string> = {
  'invitation-sent': 'Invitation sent',
  'invitation-accepted': 'Invitation accepted',
  'sign-in': 'Signed in',
  'sign-in-failed': 'Sign-in failed',
  'password-change-failed': 'Password change failed',
  'sign-in-throttled': 'Sign-in throttled',
  'sign-out': 'Signed out',
  'sign-out-everywhere': 'Signed out everywhere else',
  'password-changed': 'Password changed',
  'password-reset-requested': 'Password reset requested',
  'password-reset': 'Password reset',
  'role-granted': 'Programme role granted',
  'role-removed': 'Programme role removed',
  'account-disabled': 'Account disabled',
  'account-enabled': 'Account enabled',
  'name-changed': 'Name changed',
  'wave-created': 'Wave created',
  'wave-changed': 'Wave changed',
  'wave-closed': 'Wave closed',
  'event-added': 'Event added',
  'event-changed': 'Event changed',
  'event-removed': 'Event removed',
  'member-added': 'Added to the wave',
  'members-imported': 'People imported from CSV',
  'member-withdrawn': 'Withdrawn from the wave',
  'member-reinstated': 'Reinstated in the wave',
  'member-role-changed': 'Role in the wave changed',
  'roster-exported': 'Roster downloaded',
  'announcement-posted': 'Announcement posted',
  'announcement-edited': 'Announcement changed',
  'announcement-removed': 'Announcement removed',
  'calendar-link-renewed': 'Calendar link renewed',
};

/** An entry's stored detail as short text, such as `role: mentor; reasons: yes`. */
export function describeDetail(detail: string | null): string {
  if (!detail) return '';
  const values = JSON.parse(detail) as Record<string, string | number | boolean>;
  return Object.entries(values)
    .map(([key, value]) => {
      const words = key.replace(/([A-Z])/g, ' $1').toLowerCase();
      const shown = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
      return `${words}: ${shown}`;
    })
    .join('; ');
}
