/**
 * Starlight's sidebar for Flipside: fixed groups, and the two tracks in the order
 * `content/tracks.yaml` gives, each module labelled with its duration.
 */
import {
  formatDuration,
  orderedModules,
  TRACK_IDS,
  type ModuleSummary,
  type Track,
} from './curriculum.ts';

interface SidebarLink {
  label: string;
  slug: string;
  badge?: { text: string; variant: 'default' };
}

type SidebarItem =
  | SidebarLink
  | { label: string; items: SidebarLink[] }
  | { label: string; items: { autogenerate: { directory: string } }[] };

/** The site's sidebar groups, the tracks resolved against the modules' front matter. */
export function buildSidebar(
  tracks: readonly Track[],
  modules: ReadonlyMap<string, ModuleSummary>,
): SidebarItem[] {
  const trackGroup = (track: Track) => ({
    label: track.title,
    items: orderedModules(track, modules).map((module) => ({
      label: module.title,
      slug: module.slug,
      badge: { text: formatDuration(module.duration), variant: 'default' as const },
    })),
  });
  const [mentor, mentee] = TRACK_IDS.map((id) => {
    const track = tracks.find((candidate) => candidate.id === id);
    if (!track) throw new Error(`content/tracks.yaml has no "${id}" track.`);
    return track;
  });
  return [
    {
      label: 'Start here',
      items: [
        { label: 'For reverse mentors', slug: 'start-here/reverse-mentors' },
        { label: 'For reverse mentees', slug: 'start-here/reverse-mentees' },
        { label: 'For programme teams', slug: 'start-here/programme-teams' },
        { label: 'Glossary', slug: 'start-here/glossary' },
      ],
    },
    trackGroup(mentor!),
    trackGroup(mentee!),
    { label: 'Knowledge sessions', items: [{ autogenerate: { directory: 'knowledge-sessions' } }] },
    { label: 'Case studies', items: [{ autogenerate: { directory: 'case-studies' } }] },
    { label: 'Programme guidance', items: [{ autogenerate: { directory: 'guidance' } }] },
  ];
}
