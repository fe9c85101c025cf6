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

interface SidebarGroup {
  label: string;
  collapsed?: boolean;
  items: (SidebarLink | SidebarGroup)[];
}

type SidebarItem =
  SidebarLink | SidebarGroup | { label: string; items: { autogenerate: { directory: string } }[] };

/** The kit a programme team runs a wave with, in the order a team needs it. */
const PROGRAMME_KIT: SidebarGroup = {
  label: 'Programme kit',
  items: [
    { label: 'Meeting plans, first to last', slug: 'kit/meeting-plans' },
    {
      label: 'Focus areas',
      collapsed: true,
      items: [
        { label: 'Choosing a focus area', slug: 'kit/focus-areas' },
        { label: 'Race and ethnicity', slug: 'kit/focus-areas/race-and-ethnicity' },
        { label: 'Disability', slug: 'kit/focus-areas/disability' },
        { label: 'Gender', slug: 'kit/focus-areas/gender' },
        { label: 'LGBTQ+', slug: 'kit/focus-areas/lgbtq' },
        { label: 'Social class', slug: 'kit/focus-areas/social-class' },
        {
          label: 'Age and new ways of working',
          slug: 'kit/focus-areas/age-and-new-ways-of-working',
        },
      ],
    },
    {
      label: 'Templates',
      collapsed: true,
      items: [
        { label: 'The templates pack', slug: 'kit/templates' },
        { label: 'Invitations and applications', slug: 'kit/templates/recruitment' },
        { label: 'Profile and consent forms', slug: 'kit/templates/profile-and-consent' },
        { label: 'Mentoring agreement and action log', slug: 'kit/templates/agreement' },
        { label: 'Launch and close communications', slug: 'kit/templates/communications' },
      ],
    },
    { label: 'Briefing for line managers', slug: 'kit/line-manager-briefing' },
    { label: 'Undertaking for assistants', slug: 'kit/assistant-undertaking' },
    { label: 'FAQs', slug: 'kit/faqs' },
    { label: 'After the programme', slug: 'kit/after-the-programme' },
  ],
};

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
    PROGRAMME_KIT,
  ];
}
