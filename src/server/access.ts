/**
 * Every "may this person see or do this" decision, in one place: pages, actions and the middleware
 * call these and decide nothing themselves. A refusal to someone who may not know a thing exists is
 * `undefined` or `false`, so the caller answers exactly as it would for something that does not
 * exist. Pure rules (consent, small groups) live in `src/lib/`; this module adds who is asking.
 */
import { MEMBER_STATUSES_WITH_ACCESS } from '../lib/wave-rules.ts';
import { findCalendarOwner } from './calendar-feeds.ts';
import type { Db } from './db.ts';
import { findWaveWithMembership, type Membership } from './memberships.ts';
import type { SessionUser } from './sessions.ts';
import { findUserById } from './users.ts';
import { findWaveBySlug, type Wave } from './waves.ts';

/** Someone signed in, or nobody. */
export type Viewer = SessionUser | undefined;

/** Whether the viewer belongs to the programme team. */
export function isProgrammeTeam(viewer: Viewer): viewer is SessionUser {
  return viewer?.role === 'programme';
}

/** Whether the viewer may use the programme console (its pages and its actions). */
export function mayUseConsole(viewer: Viewer): viewer is SessionUser {
  return isProgrammeTeam(viewer);
}

/** The namespaces of `server` in `src/actions/index.ts` whose actions only the programme team may call. */
const CONSOLE_ACTION_NAMESPACES = ['people', 'waves', 'schedule', 'members', 'announcements'];

/** Whether an action (by the exact name Astro runs, e.g. `people.invite`) is a console action. */
export function isConsoleAction(actionName: string): boolean {
  return CONSOLE_ACTION_NAMESPACES.includes(actionName.split('.')[0]!);
}

/** The namespaces whose actions change the caller's own things, and so need someone signed in. */
const OWN_ACTION_NAMESPACES = ['progress', 'calendar'];

/**
 * Whether the viewer may call the action at all. The middleware refuses the rest before Astro reads
 * their input, so a refusal never describes what a console action expects, and a signed-out call
 * to change one's own progress is told to sign in rather than what its input lacks.
 */
export function mayCallAction(viewer: Viewer, actionName: string): boolean {
  if (isConsoleAction(actionName)) return mayUseConsole(viewer);
  if (OWN_ACTION_NAMESPACES.includes(actionName.split('.')[0]!)) return viewer !== undefined;
  return true;
}

/** Whether the viewer may read this person's training progress: themselves, and the programme team. */
export function mayReadProgressOf(viewer: Viewer, userId: string): boolean {
  return viewer?.id === userId || isProgrammeTeam(viewer);
}

/** Whether the viewer may read this person's private writing (reflections, answers, notes): only they. */
export function mayReadPrivateWritingOf(viewer: Viewer, userId: string): boolean {
  return viewer?.id === userId;
}

/**
 * Whether the viewer may keep training progress (answers, reflections, completions, certificates,
 * the choice of tracks): anyone signed in, and always their own. No action or route takes another
 * person's id, so asking for someone else's progress finds only one's own.
 */
export function mayKeepProgress(viewer: Viewer): viewer is SessionUser {
  return viewer !== undefined;
}

/** Whether a membership lets its person see the wave: any status but withdrawn. */
export function membershipSeesWave(membership: Pick<Membership, 'status'> | undefined): boolean {
  return Boolean(membership && MEMBER_STATUSES_WITH_ACCESS.includes(membership.status));
}

/**
 * The wave whose cohort page (and calendar) the person may see, with their membership: the wave's
 * members and the programme team. A withdrawn member, another wave's member and a stranger get
 * undefined, exactly as for a wave that does not exist.
 */
export async function cohortFor(
  db: Db,
  slug: string,
  viewer: Viewer,
): Promise<{ wave: Wave; membership: Membership | undefined } | undefined> {
  if (!viewer) return undefined;
  const found = await findWaveWithMembership(db, slug, viewer.id);
  if (!found) return undefined;
  const { wave, membership } = found;
  if (membershipSeesWave(membership) || isProgrammeTeam(viewer)) return { wave, membership };
  return undefined;
}

/** The wave as the console shows it, to the programme team only. */
export async function consoleWaveFor(
  db: Db,
  slug: string,
  viewer: Viewer,
): Promise<Wave | undefined> {
  if (!mayUseConsole(viewer)) return undefined;
  return findWaveBySlug(db, slug);
}

/**
 * The wave whose calendar a secret calendar link opens: the link's owner must be able to see the
 * wave's cohort page now, and their account must be enabled. Anything else is undefined.
 */
export async function calendarFor(
  db: Db,
  slug: string,
  token: string | null,
): Promise<Wave | undefined> {
  const ownerId = await findCalendarOwner(db, token);
  if (!ownerId) return undefined;
  const owner = await findUserById(db, ownerId);
  if (!owner || owner.disabledAt) return undefined;
  return (await cohortFor(db, slug, owner))?.wave;
}
