/**
 * The curriculum: the tracks in `content/tracks.yaml` resolved against the modules' front matter,
 * and the rules of track order and navigation. No I/O: `buildCurriculum` takes the data whoever
 * read it (`src/curriculum/files.ts` for the config and tests, `src/curriculum/collections.ts` at
 * run time), so every caller sees one curriculum, validated one way.
 */
import { pageExtension, type Check, type Reflection } from './page-schema.ts';
import { TRACK_IDS, type TrackId } from './roles.ts';
import { trackSchema } from './track-schema.ts';

export { TRACK_IDS, type TrackId };

export interface TrackEntry {
  moduleId: string;
  required: boolean;
}

export interface Track {
  id: TrackId;
  title: string;
  audience: TrackId;
  modules: TrackEntry[];
}

export interface ModuleSummary {
  moduleId: string;
  audience: string;
  title: string;
  /** The page's slug, e.g. `modules/mentor/openness`. */
  slug: string;
  duration: number;
}

/** A module as progress needs it: its summary, and the checks and prompts its ids key. */
export interface Module extends ModuleSummary {
  checks: Check[];
  /** How many questions must have been answered correctly to pass: every one unless the module says. */
  passMark: number;
  reflections: Reflection[];
}

export interface Curriculum {
  /** The tracks in site order. */
  tracks: Track[];
  /** Every module by `moduleId`. */
  modules: ReadonlyMap<string, Module>;
}

/** A page as a reader found it: its slug (e.g. `modules/mentor/openness`) and its front matter. */
export interface PageData {
  slug: string;
  data: Record<string, unknown>;
}

/**
 * The curriculum from the tracks file's contents and every page's front matter. Throws a sentence
 * naming the problem when a track is malformed or lists a module that does not exist.
 */
export function buildCurriculum(tracksFile: unknown, pages: readonly PageData[]): Curriculum {
  const modules = new Map<string, Module>();
  for (const page of pages) {
    if (page.data.kind !== 'module') continue;
    const data = pageExtension.parse(page.data);
    modules.set(data.moduleId!, {
      moduleId: data.moduleId!,
      audience: data.audience!,
      title: String(page.data.title),
      slug: page.slug,
      duration: data.duration ?? 0,
      checks: data.checks,
      passMark: data.passMark ?? data.checks.length,
      reflections: data.reflections,
    });
  }
  const tracks = Object.entries(tracksFile as Record<string, unknown>).map(([id, raw]): Track => {
    if (!(TRACK_IDS as readonly string[]).includes(id))
      throw new Error(
        `content/tracks.yaml: "${id}" is not a track; use ${TRACK_IDS.join(' or ')}.`,
      );
    return { id: id as TrackId, ...trackSchema.parse(raw) };
  });
  for (const track of tracks) orderedModules(track, modules);
  return { tracks: inSiteOrder(tracks), modules };
}

/** The track's modules in order, each resolved to its summary; throws naming any id that has no module. */
export function orderedModules(
  track: Track,
  modules: ReadonlyMap<string, ModuleSummary>,
): (ModuleSummary & { required: boolean })[] {
  return track.modules.map((entry) => {
    const summary = modules.get(entry.moduleId);
    if (!summary) {
      throw new Error(
        `content/tracks.yaml: the ${track.id} track lists "${entry.moduleId}", but no module has that moduleId.`,
      );
    }
    return { ...summary, required: entry.required };
  });
}

/** The track that contains the module, if any. */
export function trackOf(tracks: readonly Track[], moduleId: string): Track | undefined {
  return tracks.find((track) => track.modules.some((entry) => entry.moduleId === moduleId));
}

/** The module before this one in its track. */
export function previousModuleId(track: Track, moduleId: string): string | undefined {
  const index = track.modules.findIndex((entry) => entry.moduleId === moduleId);
  return index > 0 ? track.modules[index - 1]?.moduleId : undefined;
}

/** The module after this one in its track. */
export function nextModuleId(track: Track, moduleId: string): string | undefined {
  const index = track.modules.findIndex((entry) => entry.moduleId === moduleId);
  return index >= 0 ? track.modules[index + 1]?.moduleId : undefined;
}

/** The first required module not yet completed, or undefined when the track is done. */
export function nextRequiredModuleId(
  track: Track,
  completed: ReadonlySet<string>,
): string | undefined {
  return track.modules.find((entry) => entry.required && !completed.has(entry.moduleId))?.moduleId;
}

/** Total estimated minutes of the track's modules (required only, unless `includeOptional`). */
export function totalDuration(
  track: Track,
  modules: ReadonlyMap<string, ModuleSummary>,
  { includeOptional = false } = {},
): number {
  return orderedModules(track, modules)
    .filter((module) => includeOptional || module.required)
    .reduce((sum, module) => sum + module.duration, 0);
}

/** Module ids that appear in more than one track, or twice in one. */
export function modulesListedTwice(tracks: readonly Track[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const entry of tracks.flatMap((track) => track.modules)) {
    if (seen.has(entry.moduleId)) twice.add(entry.moduleId);
    seen.add(entry.moduleId);
  }
  return [...twice];
}

/** Formats minutes for people: `45 min`, `1 h 30 min`. */
export function formatDuration(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** The tracks in the order the site lists them. */
export function inSiteOrder<T extends { id: TrackId }>(tracks: readonly T[]): T[] {
  return [...tracks].sort((a, b) => TRACK_IDS.indexOf(a.id) - TRACK_IDS.indexOf(b.id));
}
