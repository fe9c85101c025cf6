/**
 * A wave's roster with each member's training as CSV for a spreadsheet, written by csv-stringify: every field quoted, and any
 * field that starts with = + - @ (or a tab or carriage return) prefixed with an apostrophe, so a
 * spreadsheet shows it as text rather than running it as a formula (OWASP, "CSV injection").
 * Withdrawal reasons are free text a person may have confided: left out unless asked for.
 */
import { stringify } from 'csv-stringify/sync';
import { ROLE_LABELS, type WaveRole } from './roles.ts';
import { MEMBERSHIP_STATUS_LABELS, type MembershipStatus } from './wave-rules.ts';

export interface ExportedMember {
  name: string;
  email: string;
  role: WaveRole;
  status: MembershipStatus;
  addedAt: Date;
  withdrawnAt: Date | null;
  withdrawalReason: string | null;
  team: string | null;
  lineOfBusiness: string | null;
  gradeLevel: number | null;
  location: string | null;
  training: { completed: number; required: number; lastActive: Date | null };
}

/** A value a spreadsheet will show as it is, never evaluate. */
export function neutraliseFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

const isoDay = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : '');

/** The roster as CSV text, with a header row. */
export function rosterCsv(
  members: readonly ExportedMember[],
  { includeReasons }: { includeReasons: boolean },
): string {
  const header = [
    'name',
    'email',
    'role',
    'status',
    'added on',
    'withdrawn on',
    ...(includeReasons ? ['withdrawal reason'] : []),
    'team',
    'line of business',
    'grade level',
    'location',
    'required modules complete',
    'required modules',
    'last active',
  ];
  const rows = members.map((member) => [
    member.name,
    member.email,
    ROLE_LABELS[member.role].one,
    MEMBERSHIP_STATUS_LABELS[member.status].toLowerCase(),
    isoDay(member.addedAt),
    isoDay(member.withdrawnAt),
    ...(includeReasons ? [member.withdrawalReason ?? ''] : []),
    member.team ?? '',
    member.lineOfBusiness ?? '',
    member.gradeLevel === null ? '' : String(member.gradeLevel),
    member.location ?? '',
    String(member.training.completed),
    String(member.training.required),
    isoDay(member.training.lastActive),
  ]);
  return stringify([header, ...rows], {
    quoted: true,
    quoted_empty: true,
    record_delimiter: 'windows',
    cast: { string: neutraliseFormula },
  });
}
