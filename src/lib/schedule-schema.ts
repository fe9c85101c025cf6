/**
 * The default master schedule as `content/schedule.yaml` defines it: which events a new wave starts
 * with, how many weeks after the wave's start each falls, at what local time, and which
 * knowledge-session page each links.
 */
import { z } from 'astro/zod';
import { EVENT_KINDS } from './event-kinds.ts';

export const masterEventSchema = z.object({
  kind: z.enum(EVENT_KINDS),
  title: z.string().min(1).max(120),
  weeksAfterStart: z.number().int().min(0),
  /** Days after the start of that week, for two events in one week. */
  daysAfter: z.number().int().min(0).max(6).default(0),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write the time as HH:MM, such as 10:00.'),
  durationMinutes: z.number().int().min(5).max(720),
  place: z.string().max(300).optional(),
  /** The knowledge-session page, e.g. `knowledge-sessions/joint-launch`. */
  page: z
    .string()
    .regex(/^knowledge-sessions\/[a-z0-9-]+$/)
    .optional(),
});

export type MasterEvent = z.infer<typeof masterEventSchema>;
