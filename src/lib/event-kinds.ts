/** The kinds of event in a wave's schedule, and how the interface names each. */

export const EVENT_KINDS = [
  'mentor-kick-off',
  'mentee-kick-off',
  'joint-launch',
  'knowledge-session',
  'mid-point-review',
  'closing',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  'mentor-kick-off': 'Kick-off for reverse mentors',
  'mentee-kick-off': 'Kick-off for reverse mentees',
  'joint-launch': 'Joint launch',
  'knowledge-session': 'Knowledge session',
  'mid-point-review': 'Mid-point review',
  closing: 'Closing',
};
