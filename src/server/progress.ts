/**
 * Training progress: knowledge-check answers, reflections, module completion and the tracks a person
 * follows. Everything is keyed by the person and the content's stable ids, and takes the curriculum
 * as it is now, so answers are graded when read and a renamed module keeps its progress. Callers pass
 * the person's own id: `src/server/access.ts` decides who that may be.
 */
import { and, count, desc, eq, inArray, sql, type Placeholder } from 'drizzle-orm';
import { checkAnswers, moduleProgress, reflections, users } from '../../db/schema.ts';
import type { Curriculum, Module } from '../lib/curriculum.ts';
import {
  gradeModule,
  nextAnswer,
  passMarkSentence,
  type Grade,
  type GradeSummary,
  type StoredAnswer,
} from '../lib/grading.ts';
import type { TrackChoice } from '../lib/roles.ts';
import { moduleStatus, type ModuleRecord, type ModuleStatus } from '../lib/module-status.ts';
import { trackProgress, tracksFor, type TrackProgress } from '../lib/track-progress.ts';
import {
  inWriteTransaction,
  preparedOnce,
  readTogether,
  type Database,
  type Db,
  type Transaction,
} from './db.ts';
import { UserFacingError } from './errors.ts';
import { currentWavesOf, type CurrentWave } from './memberships.ts';

/** The longest reflection kept, in characters. */
export const MAX_REFLECTION_LENGTH = 20_000;

/** A module's workspace as its page shows it to the person: status, graded answers, reflections. */
export interface ModuleWorkspace {
  moduleId: string;
  status: ModuleStatus;
  grade: Grade;
  /** Reflections by prompt id. */
  reflections: Record<string, { text: string; updatedAt: number }>;
}

/**
 * A module's workspace as the browser gets it: only what its page shows, so the one personal request
 * stays small. Each answer is the index of the option the person last gave among the question's
 * options now, or -1 with the text as given when it is no longer one of them.
 */
export interface WorkspaceView {
  moduleId: string;
  status: ModuleStatus;
  grade: GradeSummary;
  answers: Record<string, { option: number; given?: string; correct: boolean }>;
  reflections: Record<string, string>;
}

/** The browser's view of a module's workspace. */
export function viewOf(module: Module, workspace: ModuleWorkspace): WorkspaceView {
  const { checks, ...summary } = workspace.grade;
  const answers: WorkspaceView['answers'] = {};
  for (const graded of checks) {
    if (graded.option === undefined) continue;
    const options = module.checks.find((check) => check.id === graded.checkId)!.options;
    const option = options.indexOf(graded.option);
    answers[graded.checkId] = {
      option,
      ...(option < 0 ? { given: graded.option } : {}),
      correct: graded.correct,
    };
  }
  return {
    moduleId: workspace.moduleId,
    status: workspace.status,
    grade: summary,
    answers,
    reflections: Object.fromEntries(
      Object.entries(workspace.reflections).map(([promptId, { text }]) => [promptId, text]),
    ),
  };
}

/** The module, or a 404 sentence: a module id from a page that has since changed. */
export function requireModule(curriculum: Curriculum, moduleId: string): Module {
  const module = curriculum.modules.get(moduleId);
  if (!module) {
    throw new UserFacingError(
      'NOT_FOUND',
      'That module is not part of the training any more. Reload the page to see the current version.',
    );
  }
  return module;
}

/** A person's id, or a placeholder for it in a prepared read. */
type UserRef = string | Placeholder;

const answersOf = (db: Db, userId: UserRef, checkIds: string[]) =>
  db
    .select()
    .from(checkAnswers)
    .where(and(eq(checkAnswers.userId, userId), inArray(checkAnswers.checkId, checkIds)));

/** The person's module records: every one, or one module's. */
const recordsOf = (db: Db, userId: UserRef, moduleId?: string) =>
  db
    .select({
      moduleId: moduleProgress.moduleId,
      startedAt: moduleProgress.startedAt,
      completedAt: moduleProgress.completedAt,
    })
    .from(moduleProgress)
    .where(
      and(
        eq(moduleProgress.userId, userId),
        moduleId ? eq(moduleProgress.moduleId, moduleId) : undefined,
      ),
    );

/** The person's record for every module they have started. */
export async function readModuleRecords(
  db: Db,
  userId: string,
): Promise<Map<string, ModuleRecord>> {
  const rows = await recordsOf(db, userId);
  return new Map(rows.map((row) => [row.moduleId, row]));
}

const reflectionsOf = (db: Db, userId: UserRef, promptIds: string[]) =>
  db
    .select({
      promptId: reflections.promptId,
      text: reflections.text,
      updatedAt: reflections.updatedAt,
    })
    .from(reflections)
    .where(and(eq(reflections.userId, userId), inArray(reflections.promptId, promptIds)));

function workspaceOf(
  module: Module,
  record: ModuleRecord | undefined,
  answers: StoredAnswer[],
  written: { promptId: string; text: string; updatedAt: Date }[],
): ModuleWorkspace {
  return {
    moduleId: module.moduleId,
    status: moduleStatus(record),
    grade: gradeModule(module, answers),
    reflections: Object.fromEntries(
      written.map((row) => [row.promptId, { text: row.text, updatedAt: row.updatedAt.getTime() }]),
    ),
  };
}

const checkIdsOf = (module: Module) => module.checks.map((check) => check.id);
const promptIdsOf = (module: Module) => module.reflections.map((prompt) => prompt.id);

/** The module's workspace for the person: three reads, taken together. */
export async function readModuleWorkspace(
  db: Db,
  userId: string,
  module: Module,
): Promise<ModuleWorkspace> {
  const [records, answers, written] = await readTogether(db, [
    recordsOf(db, userId, module.moduleId),
    answersOf(db, userId, checkIdsOf(module)),
    reflectionsOf(db, userId, promptIdsOf(module)),
  ]);
  return workspaceOf(module, records[0], answers, written);
}

/** What a static page shows the signed-in person: the sidebar's marks, and a module's workspace. */
export interface PageState {
  /** The paths of the modules the person has completed. */
  completed: string[];
  workspace: ModuleWorkspace | undefined;
}

/** The reads behind `readPageState`, prepared with the person as a placeholder. */
function preparePageReads(db: Database, module: Module | undefined) {
  const userId = sql.placeholder('userId');
  return {
    records: recordsOf(db, userId).prepare(),
    answers: module && answersOf(db, userId, checkIdsOf(module)).prepare(),
    reflections: module && reflectionsOf(db, userId, promptIdsOf(module)).prepare(),
  };
}

// Every signed-in page view runs these reads, and building their SQL took longer than running them
// (about 0.3 ms against 0.1 ms per view, measured in-process), so each is built once per module.
const preparedPageReads = new WeakMap<Database, Map<string, ReturnType<typeof preparePageReads>>>();

function pageReadsFor(db: Database, module: Module | undefined) {
  // Keyed by the ids the reads name, so a module edited in development gets reads of its own.
  const key = module
    ? [module.moduleId, ...checkIdsOf(module), '/', ...promptIdsOf(module)].join(' ')
    : '';
  let byModule = preparedPageReads.get(db);
  if (!byModule) preparedPageReads.set(db, (byModule = new Map()));
  let reads = byModule.get(key);
  if (!reads) byModule.set(key, (reads = preparePageReads(db, module)));
  return reads;
}

/**
 * Everything personal on a static page besides the person's name: their module records (the
 * sidebar's marks, and the module's status), and on a module's page its answers and reflections.
 */
export async function readPageState(
  db: Database,
  curriculum: Curriculum,
  userId: string,
  module?: Module,
): Promise<PageState> {
  const reads = pageReadsFor(db, module);
  const [records, answers, written] = await Promise.all([
    reads.records.all({ userId }),
    reads.answers?.all({ userId }) ?? [],
    reads.reflections?.all({ userId }) ?? [],
  ]);
  const completed = records.flatMap((record) => {
    const done = record.completedAt && curriculum.modules.get(record.moduleId);
    return done ? [`/${done.slug}/`] : [];
  });
  return {
    completed,
    workspace:
      module &&
      workspaceOf(
        module,
        records.find((record) => record.moduleId === module.moduleId),
        answers,
        written,
      ),
  };
}

/** Marks the module started, unless it already is. */
async function markStarted(tx: Transaction, userId: string, moduleId: string, now: number) {
  await tx
    .insert(moduleProgress)
    .values({ userId, moduleId, startedAt: new Date(now) })
    .onConflictDoNothing();
}

/**
 * Keeps the person's answer to one question of the module, as given, and returns the module's
 * workspace graded afresh. Refuses a question the module does not ask and an option it does not offer.
 */
export async function recordAnswer(
  db: Db,
  curriculum: Curriculum,
  userId: string,
  answer: { moduleId: string; checkId: string; option: string },
  now = Date.now(),
): Promise<ModuleWorkspace> {
  const module = requireModule(curriculum, answer.moduleId);
  const check = module.checks.find((candidate) => candidate.id === answer.checkId);
  if (!check) {
    throw new UserFacingError(
      'NOT_FOUND',
      'That question is not part of this module any more. Reload the page to see the current questions.',
    );
  }
  if (!check.options.includes(answer.option)) {
    throw new UserFacingError(
      'BAD_REQUEST',
      'That answer is not one of the options. Reload the page and choose one of them.',
    );
  }
  return inWriteTransaction(db, async (tx) => {
    const [previous] = await answersOf(tx, userId, [check.id]);
    const next = nextAnswer(previous, check.id, answer.option);
    const values = {
      moduleId: module.moduleId,
      option: next.option,
      optionsTried: [...next.optionsTried],
      attempts: next.attempts,
      answeredAt: new Date(now),
    };
    await tx
      .insert(checkAnswers)
      .values({ userId, checkId: check.id, ...values })
      .onConflictDoUpdate({ target: [checkAnswers.userId, checkAnswers.checkId], set: values });
    await markStarted(tx, userId, module.moduleId, now);
    return readModuleWorkspace(tx, userId, module);
  });
}

/**
 * Keeps the person's reflection on one prompt of the module, replacing what was there; an empty
 * reflection is deleted. Returns when it was saved.
 */
export async function saveReflection(
  db: Db,
  curriculum: Curriculum,
  userId: string,
  reflection: { moduleId: string; promptId: string; text: string },
  now = Date.now(),
): Promise<{ updatedAt: number }> {
  const module = requireModule(curriculum, reflection.moduleId);
  if (!module.reflections.some((prompt) => prompt.id === reflection.promptId)) {
    throw new UserFacingError(
      'NOT_FOUND',
      'That question is not part of this module any more. Copy what you wrote somewhere safe, then reload the page.',
    );
  }
  if (reflection.text.length > MAX_REFLECTION_LENGTH) {
    throw new UserFacingError(
      'BAD_REQUEST',
      `A reflection can be at most ${MAX_REFLECTION_LENGTH.toLocaleString('en-GB')} characters. Shorten it, then save again.`,
    );
  }
  const mine = and(eq(reflections.userId, userId), eq(reflections.promptId, reflection.promptId));
  await inWriteTransaction(db, async (tx) => {
    if (reflection.text.trim() === '') {
      await tx.delete(reflections).where(mine);
      return;
    }
    const values = { moduleId: module.moduleId, text: reflection.text, updatedAt: new Date(now) };
    await tx
      .insert(reflections)
      .values({ userId, promptId: reflection.promptId, ...values })
      .onConflictDoUpdate({ target: [reflections.userId, reflections.promptId], set: values });
    await markStarted(tx, userId, module.moduleId, now);
  });
  return { updatedAt: now };
}

/**
 * Marks the module complete once its knowledge check is passed; a module already complete keeps
 * the date it was first completed. Refuses, saying what is left, while the check is not passed.
 */
export async function completeModule(
  db: Db,
  curriculum: Curriculum,
  userId: string,
  moduleId: string,
  now = Date.now(),
): Promise<ModuleWorkspace> {
  const module = requireModule(curriculum, moduleId);
  return inWriteTransaction(db, async (tx) => {
    const workspace = await readModuleWorkspace(tx, userId, module);
    if (workspace.status === 'complete') return workspace;
    const missing = passMarkSentence(workspace.grade);
    if (missing) throw new UserFacingError('CONFLICT', missing);
    await tx
      .insert(moduleProgress)
      .values({ userId, moduleId, startedAt: new Date(now), completedAt: new Date(now) })
      .onConflictDoUpdate({
        target: [moduleProgress.userId, moduleProgress.moduleId],
        set: { completedAt: new Date(now) },
      });
    return { ...workspace, status: 'complete' };
  });
}

/** Marks a completed module not complete again; its answers and reflections stay. */
export async function reopenModule(
  db: Db,
  curriculum: Curriculum,
  userId: string,
  moduleId: string,
): Promise<ModuleWorkspace> {
  const module = requireModule(curriculum, moduleId);
  return inWriteTransaction(db, async (tx) => {
    await tx
      .update(moduleProgress)
      .set({ completedAt: null })
      .where(and(eq(moduleProgress.userId, userId), eq(moduleProgress.moduleId, moduleId)));
    return readModuleWorkspace(tx, userId, module);
  });
}

/** Keeps which tracks the person has chosen to follow. */
export async function chooseTracks(db: Db, userId: string, choice: TrackChoice): Promise<void> {
  await inWriteTransaction(db, (tx) =>
    tx.update(users).set({ trackChoice: choice }).where(eq(users.id, userId)),
  );
}

export interface TrainingOverview {
  choice: TrackChoice | null;
  /** The waves the person is active in now, whose roles decide their tracks. */
  waves: CurrentWave[];
  /** The tracks the person follows with their progress; undefined until they choose. */
  tracks: TrackProgress[] | undefined;
  /** Every track's progress, followed or not, for certificates and marks. */
  allTracks: TrackProgress[];
  reflectionCount: number;
}

/** The reads behind `readTrainingOverview`, prepared with the person as a placeholder. */
const overviewReads = preparedOnce((db) => {
  const userId = sql.placeholder('userId');
  return {
    choice: db
      .select({ trackChoice: users.trackChoice })
      .from(users)
      .where(eq(users.id, userId))
      .prepare(),
    records: recordsOf(db, userId).prepare(),
    reflectionCount: db
      .select({ total: count() })
      .from(reflections)
      .where(eq(reflections.userId, userId))
      .prepare(),
    waves: currentWavesOf(db, userId).prepare(),
  };
});

/**
 * Everything My training shows, in four reads whatever the number of modules: the person's choice
 * of tracks, their module records, how many reflections they have written, and the waves they are
 * active in, whose roles decide their tracks while they last.
 */
export async function readTrainingOverview(
  db: Db,
  curriculum: Curriculum,
  userId: string,
): Promise<TrainingOverview> {
  const reads = overviewReads(db);
  const [people, records, written, waves] = await Promise.all([
    reads.choice.all({ userId }),
    reads.records.all({ userId }),
    reads.reflectionCount.all({ userId }),
    reads.waves.all({ userId }),
  ]);
  const choice = people[0]?.trackChoice ?? null;
  const byModule = new Map(records.map((record) => [record.moduleId, record]));
  const allTracks = curriculum.tracks.map((track) =>
    trackProgress(track, curriculum.modules, byModule),
  );
  const followed = tracksFor(
    choice,
    waves.map((wave) => wave.role),
  );
  return {
    choice,
    waves,
    tracks: followed && allTracks.filter((progress) => followed.includes(progress.track.id)),
    allTracks,
    reflectionCount: written[0]?.total ?? 0,
  };
}

export interface ReflectionGroup {
  moduleId: string;
  /** The module as it is now; undefined when it has been removed from the training. */
  module: Module | undefined;
  items: { promptId: string; prompt: string | undefined; text: string; updatedAt: Date }[];
}

/**
 * Every reflection the person has written, grouped by module in the order of the tracks, each under
 * its prompt as the module words it now; reflections whose prompt or module has gone come last.
 */
export async function listReflections(
  db: Db,
  curriculum: Curriculum,
  userId: string,
): Promise<ReflectionGroup[]> {
  const rows = await db
    .select()
    .from(reflections)
    .where(eq(reflections.userId, userId))
    .orderBy(desc(reflections.updatedAt));
  const promptHome = new Map(
    [...curriculum.modules.values()].flatMap((module) =>
      module.reflections.map((prompt, index) => [prompt.id, { module, prompt, index }] as const),
    ),
  );
  const order = curriculum.tracks.flatMap((track) => track.modules.map((m) => m.moduleId));
  const groups = new Map<string, ReflectionGroup>();
  for (const row of rows) {
    const home = promptHome.get(row.promptId);
    const moduleId = home?.module.moduleId ?? row.moduleId;
    const group = groups.get(moduleId) ?? {
      moduleId,
      module: curriculum.modules.get(moduleId),
      items: [],
    };
    group.items.push({
      promptId: row.promptId,
      prompt: home?.prompt.prompt,
      text: row.text,
      updatedAt: row.updatedAt,
    });
    groups.set(moduleId, group);
  }
  const rank = (group: ReflectionGroup) => {
    const at = order.indexOf(group.moduleId);
    return group.module && at >= 0 ? at : order.length;
  };
  const promptRank = (promptId: string) =>
    promptHome.get(promptId)?.index ?? Number.MAX_SAFE_INTEGER;
  return [...groups.values()]
    .sort((a, b) => rank(a) - rank(b))
    .map((group) => ({
      ...group,
      items: group.items.sort((a, b) => promptRank(a.promptId) - promptRank(b.promptId)),
    }));
}
