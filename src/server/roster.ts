/**
 * A wave's roster as the programme team sees it: each member's role and status (with the
 * withdrawal date and reason), their training (the share of their track's required modules complete,
 * and when they last did anything in it), and for the download their profile too. Three reads in
 * one batch however many members the wave has, of only the columns shown: at 300 members every
 * column costs.
 */
import { and, asc, eq, inArray, isNotNull, max, sql } from 'drizzle-orm';
import { checkAnswers, memberships, moduleProgress, users } from '../../db/schema.ts';
import type { Curriculum } from '../lib/curriculum.ts';
import type { TrackId, WaveRole } from '../lib/roles.ts';
import { tracksFor } from '../lib/track-progress.ts';
import { readTogether, type Db } from './db.ts';

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

/** Reads each member's training in the wave: two grouped queries, batched with `members`. */
async function withTraining<T extends { userId: string; role: WaveRole }>(
  db: Db,
  waveId: string,
  curriculum: Pick<Curriculum, 'tracks'>,
  members: Promise<T[]> & Parameters<typeof readTogether>[1][number],
): Promise<(Omit<T, 'userId'> & { training: Training })[]> {
  const required = requiredModules(curriculum);
  const inWave = db
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.waveId, waveId));
  const doneIn = (track: TrackId) =>
    sql<number>`sum(${moduleProgress.completedAt} is not null and ${inArray(
      moduleProgress.moduleId,
      required[track].length > 0 ? required[track] : [''],
    )})`.mapWith(Number);
  const [rows, progress, answers] = await readTogether(db, [
    members,
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
  const progressOf = new Map(progress.map((row) => [row.userId, row]));
  const answeredOf = new Map(answers.map((row) => [row.userId, row.answered]));
  return (rows as T[]).map(({ userId, ...member }) => {
    const done = progressOf.get(userId);
    const tracks = tracksFor(null, [member.role]) ?? [];
    const times = [done?.started, done?.completed, answeredOf.get(userId)]
      .filter((time): time is Date => time instanceof Date)
      .map((time) => time.getTime());
    return {
      ...member,
      training: {
        completed: tracks.reduce((sum, track) => sum + (done?.[track] ?? 0), 0),
        required: tracks.reduce((sum, track) => sum + required[track].length, 0),
        lastActive: times.length > 0 ? new Date(Math.max(...times)) : null,
      },
    };
  });
}

/** The wave's members by name, as the roster table shows them. */
export function listRoster(db: Db, waveId: string, curriculum: Pick<Curriculum, 'tracks'>) {
  return withTraining(
    db,
    waveId,
    curriculum,
    db
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
      .where(eq(memberships.waveId, waveId))
      .orderBy(asc(users.name), asc(users.email)),
  );
}

export type RosterEntry = Awaited<ReturnType<typeof listRoster>>[number];

/** The wave's members by name with their profiles and training, for the CSV download. */
export function listRosterForExport(
  db: Db,
  waveId: string,
  curriculum: Pick<Curriculum, 'tracks'>,
) {
  return withTraining(
    db,
    waveId,
    curriculum,
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
  );
}
