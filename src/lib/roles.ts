/**
 * The programme's words, defined once: the two sides of a pair, each with a training track, and
 * the coach who supports pairs. Schemas, pages and tests take their lists and labels from here.
 */

/** The sides of a pair; each has a training track of the same id. */
export const TRACK_IDS = ['mentor', 'mentee'] as const;
export type TrackId = (typeof TRACK_IDS)[number];

/**
 * Which tracks a person has chosen to follow, until a role in a wave decides it: one side, or both
 * (a coach, say, or someone curious about the other side).
 */
export const TRACK_CHOICES = [...TRACK_IDS, 'both'] as const;
export type TrackChoice = (typeof TRACK_CHOICES)[number];

/** The roles a person can have in a wave. */
export const WAVE_ROLES = [...TRACK_IDS, 'coach'] as const;
export type WaveRole = (typeof WAVE_ROLES)[number];

/** How the interface names each role. */
export const ROLE_LABELS: Record<WaveRole, { one: string; many: string }> = {
  mentor: { one: 'reverse mentor', many: 'reverse mentors' },
  mentee: { one: 'reverse mentee', many: 'reverse mentees' },
  coach: { one: 'coach', many: 'coaches' },
};

/** The roles as the choices of a form's select. */
export const ROLE_OPTIONS = WAVE_ROLES.map((role) => ({
  value: role,
  label: ROLE_LABELS[role].one,
}));
