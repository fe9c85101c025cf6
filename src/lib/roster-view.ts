/**
 * Which part of a wave's roster the console shows: who matches a search by name or email, a role and
 * a status, a page of 50 at a time. Read from the page's address as the team's filter form writes it;
 * anything else in the address is read leniently, as the audit log does, rather than refused.
 */
import { WAVE_ROLES, type WaveRole } from './roles.ts';
import { MEMBERSHIP_STATUSES, type MembershipStatus } from './wave-rules.ts';

export const ROSTER_PAGE_SIZE = 50;
export const MAX_SEARCH_LENGTH = 100;

export interface RosterFilter {
  /** Part of a name or an email address; empty for everyone. */
  search: string;
  role: WaveRole | '';
  status: MembershipStatus | '';
}

export interface RosterView extends RosterFilter {
  /** From 1; a page past the end shows the last one. */
  page: number;
}

/** The whole roster from its first page. */
export const WHOLE_ROSTER: RosterView = { search: '', role: '', status: '', page: 1 };

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | '' =>
  values.includes(value as T) ? (value as T) : '';

export function rosterViewFrom(params: URLSearchParams): RosterView {
  return {
    search: (params.get('search') ?? '').trim().slice(0, MAX_SEARCH_LENGTH),
    role: oneOf(WAVE_ROLES, params.get('role')),
    status: oneOf(MEMBERSHIP_STATUSES, params.get('status')),
    page: Math.max(1, Math.min(10_000, Number.parseInt(params.get('page') ?? '1', 10) || 1)),
  };
}

export const isFiltered = (filter: RosterFilter) =>
  Boolean(filter.search || filter.role || filter.status);

/** The view as the query of the roster's address, leaving out what is at its default. */
export function rosterQuery(view: RosterView): string {
  const query = new URLSearchParams();
  if (view.search) query.set('search', view.search);
  if (view.role) query.set('role', view.role);
  if (view.status) query.set('status', view.status);
  if (view.page > 1) query.set('page', String(view.page));
  return query.toString();
}

/** The roster's address for this view. */
export function rosterHref(waveSlug: string, view: RosterView): string {
  const query = rosterQuery(view);
  return `/programme/waves/${waveSlug}/people/${query ? `?${query}` : ''}#roster`;
}

/** A SQL `LIKE` pattern that finds `search` anywhere, its own `%`, `_` and `\` taken literally. */
export function containsPattern(search: string): string {
  return `%${search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}
