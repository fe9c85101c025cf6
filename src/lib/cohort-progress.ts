/**
 * The cohort's training as its members may see it: for each side of the pairs, how many members have
 * completed each module of their track. Every count goes through the small-group rule, so a side
 * of fewer than 5 people shows nothing but "fewer than 5", and so does a module that 1 to 4 people
 * have completed; a share (and a bar) is shown only beside a count that is shown.
 */
import { orderedModules, type Curriculum } from './curriculum.ts';
import { TRACK_IDS, type TrackId } from './roles.ts';
import { showMemberCount, type ShownCount } from './small-groups.ts';

export interface SideCompletions {
  /** Members of the side who can train: invited members and withdrawals are left out. */
  members: number;
  /** How many of them have completed each module, by `moduleId`. */
  completedByModule: ReadonlyMap<string, number>;
}

export interface ChartRow {
  moduleId: string;
  title: string;
  slug: string;
  required: boolean;
  completed: ShownCount;
  /** The completed share from 0 to 1, when the count may be shown. */
  share: number | undefined;
}

export interface ChartSide {
  side: TrackId;
  title: string;
  members: ShownCount;
  rows: ChartRow[];
}

/** The chart of each side's track, in site order. */
export function cohortChart(
  curriculum: Pick<Curriculum, 'tracks' | 'modules'>,
  sides: Readonly<Record<TrackId, SideCompletions>>,
): ChartSide[] {
  return TRACK_IDS.map((side) => {
    const track = curriculum.tracks.find((candidate) => candidate.id === side)!;
    const { members, completedByModule } = sides[side];
    const shownMembers = showMemberCount(members);
    return {
      side,
      title: track.title,
      members: shownMembers,
      rows: orderedModules(track, curriculum.modules).map((module) => {
        const completed = completedByModule.get(module.moduleId) ?? 0;
        const shown: ShownCount = shownMembers.hidden
          ? { hidden: true }
          : showMemberCount(completed);
        return {
          moduleId: module.moduleId,
          title: module.title,
          slug: module.slug,
          required: module.required,
          completed: shown,
          share: shown.hidden || members === 0 ? undefined : completed / members,
        };
      }),
    };
  });
}
