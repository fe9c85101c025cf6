/**
 * A wave's roster as the programme team sees it: each member's role and status (with the
 * withdrawal date and reason), their training (the share of their track's required modules complete,
 * and when they last did anything in it), and for the download their profile too. The same reads
 * however many members the wave has, of only the columns shown: at 300 members every column costs.
 */
import { and, asc, count, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { checkAnswers, memberships, moduleProgress, users } from '../../db/schema.ts';
import type { Curriculum } from '../lib/curriculum.ts';
import type { TrackId, WaveRole } from '../lib/roles.ts';
import {
  containsPattern,
  ROSTER_PAGE_SIZE,
  WHOLE_ROSTER,
  type RosterView,
} from '../lib/roster-view.ts';
import { tracksFor } from '../lib/track-progress.ts';
import { preparedOnce, readTogether, type Db } from './db.ts';

export interface Training {
  /** Required modules of the member's tracks they have completed, and how many there are. */
  completed: number;
  required: number;
  /** Their latest answer, start or completion of a module; null before they begin. */
  lastActive: Date | null;
}

/** The required modules of each track, by id. */
function requiredModules(curriculum: Pick<Curriculum, 'tracks'>): Record<TrackId, string[]> {
  return Object.fromEntries(
    curriculum.tracks.map((track) => [
      track.id,
      track.modules.filter((entry) => entry.required).map((entry) => entry.moduleId),
    ]),
  ) as Record<TrackId, string[]>;
}

interface TrainingRecord {
  done: Record<TrackId, number>;
  lastActive: number | null;
}

/** Every member's completed required modules per track and latest activity: two grouped reads. */
async function readTraining(
  db: Db,
  waveId: string,
  required: Record<TrackId, string[]>,
): Promise<Map<string, TrainingRecord>> {
  const inWave = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.waveId, waveId));
  const doneIn = (track: TrackId) =>
    sql<number>`sum(${moduleProgress.completedAt} is not null and ${inArray(
      moduleProgress.moduleId,
      required[track].length > 0 ? required[track] : [''],
    )})`.mapWith(Number);
  const [progress, answers] = await readTogether(db, [
    db
      .select({
        userId: moduleProgress.userId,
        mentor: doneIn('mentor'),
        mentee: doneIn('mentee'),
        started: max(moduleProgress.startedAt),
        completed: max(moduleProgress.completedAt),
      })
      .from(moduleProgress)
      .where(inArray(moduleProgress.userId, inWave))
      .groupBy(moduleProgress.userId),
    db
      .select({ userId: checkAnswers.userId, answered: max(checkAnswers.answeredAt) })
      .from(checkAnswers)
      .where(and(inArray(checkAnswers.userId, inWave), isNotNull(checkAnswers.answeredAt)))
      .groupBy(checkAnswers.userId),
  ]);
  const answeredOf = new Map(answers.map((row) => [row.userId, row.answered]));
  const training = new Map<string, TrainingRecord>();
  for (const row of progress) {
    const times = [row.started, row.completed, answeredOf.get(row.userId)]
      .filter((time): time is Date => time instanceof Date)
      .map((time) => time.getTime());
    training.set(row.userId, {
      done: { mentor: row.mentor, mentee: row.mentee },
      lastActive: times.length > 0 ? Math.max(...times) : null,
    });
  }
  return training;
}

/** How long a wave's training figures are reused on the roster before they are read again. */
export const TRAINING_FRESH_MS = 60_000;
const recentTraining = new Map<
  string,
  { training: Promise<Map<string, TrainingRecord>>; readAt: number }
>();

/**
 * The wave's training figures, read at most once a minute per app server: they scan every member's
 * progress, and a minute's delay in them changes no decision, while who is in the wave and their
 * status are always read afresh.
 */
function recentTrainingOf(
  db: Db,
  waveId: string,
  required: Record<TrackId, string[]>,
  now: number,
): Promise<Map<string, TrainingRecord>> {
  const recent = recentTraining.get(waveId);
  if (recent && now - recent.readAt < TRAINING_FRESH_MS) return recent.training;
  const training = readTraining(db, waveId, required);
  recentTraining.set(waveId, { training, readAt: now });
  training.catch(() => recentTraining.delete(waveId));
  return training;
}

/** Each member with their training: the required modules of their tracks, and how many they completed. */
function withTraining<T extends { userId: string; role: WaveRole }>(
  members: T[],
  training: Map<string, TrainingRecord>,
  required: Record<TrackId, string[]>,
): (Omit<T, 'userId'> & { training: Training })[] {
  return members.map(({ userId, ...member }) => {
    const record = training.get(userId);
    const tracks = tracksFor(null, [member.role]) ?? [];
    return {
      ...member,
      training: {
        completed: tracks.reduce((sum, track) => sum + (record?.done[track] ?? 0), 0),
        required: tracks.reduce((sum, track) => sum + required[track].length, 0),
        lastActive: record?.lastActive ? new Date(record.lastActive) : null,
      },
    };
  });
}

const filter = {
  waveId: sql.placeholder('waveId'),
  role: sql.placeholder('role'),
  status: sql.placeholder('status'),
  pattern: sql.placeholder('pattern'),
};

/**
 * The wave's members who match the filter; an empty role or status matches everyone, as does the
 * pattern of an empty search. SQLite's `like` ignores case in ASCII letters only: `zoë` does not
 * find `ZOË`.
 */
const matchingMembers = and(
  eq(memberships.waveId, filter.waveId),
  sql`(${filter.role} = '' or ${memberships.role} = ${filter.role})`,
  sql`(${filter.status} = '' or ${memberships.status} = ${filter.status})`,
  sql`(${users.name} like ${filter.pattern} escape '\\' or ${users.email} like ${filter.pattern} escape '\\')`,
);

const rosterReads = preparedOnce((db) => ({
  page: db
    .select({
      userId: memberships.userId,
      membershipId: memberships.id,
      name: users.name,
      email: users.email,
      role: memberships.role,
      status: memberships.status,
      withdrawnAt: memberships.withdrawnAt,
      withdrawalReason: memberships.withdrawalReason,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(matchingMembers)
    .orderBy(asc(users.name), asc(users.email))
    .limit(ROSTER_PAGE_SIZE)
    .offset(sql.placeholder('offset'))
    .prepare(),
  counts: db
    .select({
      matching: count(),
      inWave: sql<number>`(select count(*) from ${memberships} where ${memberships.waveId} = ${filter.waveId})`,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(matchingMembers)
    .prepare(),
}));

/**
 * A page of the wave's members who match the view, by name, as the roster table shows them, with
 * their training (figures at most a minute old); how many match, and how many the wave has. A page
 * past the end gives the last page. Four statements (the training figures are two, and reused for a
 * minute), and one more for a page past the end.
 */
export async function listRoster(
  db: Db,
  waveId: string,
  curriculum: Pick<Curriculum, 'tracks'>,
  view: RosterView = WHOLE_ROSTER,
  now = Date.now(),
) {
  const required = requiredModules(curriculum);
  const reads = rosterReads(db);
  const given = {
    waveId,
    role: view.role,
    status: view.status,
    pattern: containsPattern(view.search),
  };
  const offsetOf = (page: number) => (page - 1) * ROSTER_PAGE_SIZE;
  const [rows, [counts], training] = await Promise.all([
    reads.page.all({ ...given, offset: offsetOf(view.page) }),
    reads.counts.all(given),
    recentTrainingOf(db, waveId, required, now),
  ]);
  const matching = counts?.matching ?? 0;
  const pages = Math.max(1, Math.ceil(matching / ROSTER_PAGE_SIZE));
  const page = Math.min(view.page, pages);
  const members =
    page === view.page ? rows : await reads.page.all({ ...given, offset: offsetOf(page) });
  return {
    members: withTraining(members, training, required),
    matching,
    inWave: counts?.inWave ?? 0,
    page,
    pages,
  };
}

export type RosterEntry = Awaited<ReturnType<typeof listRoster>>['members'][number];

/** The wave's members by name with their profiles and training read afresh, for the CSV download. */
export async function listRosterForExport(
  db: Db,
  waveId: string,
  curriculum: Pick<Curriculum, 'tracks'>,
) {
  const required = requiredModules(curriculum);
  const [members, training] = await Promise.all([
    db
      .select({
        userId: memberships.userId,
        name: users.name,
        email: users.email,
        role: memberships.role,
        status: memberships.status,
        addedAt: memberships.addedAt,
        withdrawnAt: memberships.withdrawnAt,
        withdrawalReason: memberships.withdrawalReason,
        team: users.team,
        lineOfBusiness: users.lineOfBusiness,
        gradeLevel: users.gradeLevel,
        location: users.location,
      })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.waveId, waveId))
      .orderBy(asc(users.name), asc(users.email)),
    readTraining(db, waveId, required),
  ]);
  return withTraining(members, training, required);
}
