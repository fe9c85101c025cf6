/**
 * The rules of a wave that need no database: its phases and membership statuses, which slugs,
 * dates and time zones are acceptable, and calendar-day arithmetic. Each check returns the
 * sentence a person reads, or undefined when the value is fine.
 */

export const WAVE_PHASES = ['planned', 'active', 'review', 'closed'] as const;
export type WavePhase = (typeof WAVE_PHASES)[number];

export const PHASE_LABELS: Record<WavePhase, string> = {
  planned: 'Planned',
  active: 'Active',
  review: 'In review',
  closed: 'Closed',
};

export const MEMBERSHIP_STATUSES = ['invited', 'active', 'withdrawn', 'completed'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = {
  invited: 'Invited',
  active: 'Active',
  withdrawn: 'Withdrawn',
  completed: 'Completed',
};

/** Statuses whose members see the wave's cohort page: everyone but those who withdrew. */
export const MEMBER_STATUSES_WITH_ACCESS: readonly MembershipStatus[] = [
  'invited',
  'active',
  'completed',
];

export const MAX_SLUG_LENGTH = 60;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Why this slug cannot name a wave in an address, or undefined. */
export function slugProblem(slug: string): string | undefined {
  if (!slug) return 'Enter a short name for the address, such as wave-2.';
  if (slug.length > MAX_SLUG_LENGTH)
    return `Use at most ${MAX_SLUG_LENGTH} characters for the address name.`;
  if (!SLUG.test(slug))
    return 'Use only lower-case letters, digits and single hyphens for the address name, such as wave-2.';
  return undefined;
}

/** A slug suggested by a wave's name: "Wave 2 (spring)" becomes `wave-2-spring`. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/, '');
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

/** Why a wave cannot run between these days, or undefined. */
export function waveDatesProblem(startsOn: string, endsOn: string): string | undefined {
  if (!isCalendarDay(startsOn)) return 'Enter the start date as a date, such as 2027-03-01.';
  if (!isCalendarDay(endsOn)) return 'Enter the end date as a date, such as 2027-08-31.';
  if (endsOn <= startsOn) return 'The end date must come after the start date.';
  return undefined;
}

/** The calendar day `weeks` weeks and `days` days after `day` (`YYYY-MM-DD`). */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date + days)).toISOString().slice(0, 10);
}

/** Whether the name is an IANA time zone this server knows, such as `Europe/London`. */
export function isTimeZone(name: string): boolean {
  if (name === 'UTC') return true;
  return Intl.supportedValuesOf('timeZone').includes(name);
}

/** The time zones to choose from, IANA names in alphabetical order. */
export function timeZones(): string[] {
  return ['UTC', ...Intl.supportedValuesOf('timeZone')];
}

/** How a time zone is named beside a time: `London time` for `Europe/London`. */
export function timeZoneLabel(name: string): string {
  if (name === 'UTC') return 'UTC';
  return `${name.split('/').at(-1)!.replaceAll('_', ' ')} time`;
}

/** Whether a wave in this phase can still be changed. A closed wave is a record. */
export function isReadOnly(phase: WavePhase): boolean {
  return phase === 'closed';
}
