/** A training track as `content/tracks.yaml` defines it: its modules in order, by `moduleId`. */
import { z } from 'astro/zod';
import { TRACK_IDS } from './roles.ts';

export const trackSchema = z.object({
  title: z.string(),
  audience: z.enum(TRACK_IDS),
  modules: z.array(z.object({ moduleId: z.string(), required: z.boolean().default(true) })).min(1),
});
