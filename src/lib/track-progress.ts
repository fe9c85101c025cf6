/**
 * A person's progress through the tracks, from their module records (started, completed) and the
 * curriculum as it is now; and which tracks they follow. No I/O: `src/server/progress.ts` reads
 * the records, pages and certificates decide from these results.
 */
import { orderedModules, type ModuleSummary, type Track } from './curriculum.ts';
import { moduleStatus, type ModuleRecord, type ModuleStatus } from './module-status.ts';
import { TRACK_IDS, type TrackChoice, type TrackId, type WaveRole } from './roles.ts';

export interface TrackModule extends ModuleSummary {
  required: boolean;
  status: ModuleStatus;
  completedAt: Date | undefined;
}

export interface TrackProgress {
  track: Track;
  modules: TrackModule[];
  /** How many required modules the track has, and how many of them are complete. */
  required: number;
  completed: number;
  /** The first required module not yet complete; undefined when the track is complete. */
  next: TrackModule | undefined;
  /** Minutes of the required modules not yet complete. */
  minutesLeft: number;
  /** When the last required module was completed, once every one is. */
  completedAt: Date | undefined;
}

/** The person's progress through one track. */
export function trackProgress(
  track: Track,
  modules: ReadonlyMap<string, ModuleSummary>,
  records: ReadonlyMap<string, ModuleRecord>,
): TrackProgress {
  const listed = orderedModules(track, modules).map((module): TrackModule => {
    const record = records.get(module.moduleId);
    return {
      ...module,
      status: moduleStatus(record),
      completedAt: record?.completedAt ?? undefined,
    };
  });
  const required = listed.filter((module) => module.required);
  const remaining = required.filter((module) => module.status !== 'complete');
  const completedTimes = required.map((module) => module.completedAt?.getTime() ?? 0);
  return {
    track,
    modules: listed,
    required: required.length,
    completed: required.length - remaining.length,
    next: remaining[0],
    minutesLeft: remaining.reduce((sum, module) => sum + module.duration, 0),
    completedAt: remaining.length === 0 ? new Date(Math.max(...completedTimes)) : undefined,
  };
}

/** The modules most recently completed across the given tracks, newest first. */
export function recentlyCompleted(tracks: readonly TrackProgress[], limit = 3): TrackModule[] {
  return tracks
    .flatMap((progress) => progress.modules)
    .filter((module) => module.completedAt)
    .sort((a, b) => b.completedAt!.getTime() - a.completedAt!.getTime())
    .slice(0, limit);
}

/**
 * The tracks a person follows, in site order: decided by their active roles in waves when they have
 * any (a coach follows both, to support either side), otherwise by their own choice; undefined when
 * neither says yet. Progress is kept per module, whatever decides this, so nothing moves when it changes.
 */
export function tracksFor(
  choice: TrackChoice | null | undefined,
  activeWaveRoles: readonly WaveRole[] = [],
): TrackId[] | undefined {
  const chosen = new Set<string>(
    activeWaveRoles.length > 0
      ? activeWaveRoles.flatMap((role) => (role === 'coach' ? TRACK_IDS : [role]))
      : choice === 'both'
        ? TRACK_IDS
        : choice
          ? [choice]
          : [],
  );
  const tracks = TRACK_IDS.filter((id) => chosen.has(id));
  return tracks.length > 0 ? tracks : undefined;
}
