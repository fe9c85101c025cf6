/**
 * The front matter Flipside adds to Starlight's: what a page is, who it is for, and for modules the
 * objectives, knowledge check and reflection prompts that progress is keyed by. A module that breaks
 * these rules fails the build with a message naming the file (Astro adds the file to zod's issues).
 */
import { z } from 'astro/zod';
import { TRACK_IDS } from './roles.ts';

const stableId = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'Use lower-case words joined by hyphens, e.g. mentor-openness.',
  )
  .max(80);

export const checkSchema = z.object({
  id: stableId,
  question: z.string().min(1),
  options: z.array(z.string().min(1)).min(2),
  answer: z.string().min(1),
  explanation: z.string().min(1),
});

export const reflectionSchema = z.object({
  id: stableId,
  prompt: z.string().min(1),
});

export const pageExtension = z
  .object({
    kind: z
      .enum(['module', 'knowledge-session', 'case-study', 'guidance', 'kit', 'page'])
      .default('page'),
    audience: z.enum([...TRACK_IDS, 'both', 'programme']).optional(),
    moduleId: stableId.optional(),
    duration: z.number().int().positive().optional(),
    objectives: z.array(z.string().min(1)).default([]),
    checks: z.array(checkSchema).default([]),
    /**
     * How many of the module's questions a person must have answered correctly (at least once) before
     * they may mark it complete. Without it, every question.
     */
    passMark: z.number().int().positive().optional(),
    reflections: z.array(reflectionSchema).default([]),
  })
  .superRefine((page, context) => {
    const fail = (message: string, path: (string | number)[]) =>
      context.addIssue({ code: 'custom', message, path });
    if (page.kind === 'module') {
      if (!page.moduleId) fail('A module needs a stable `moduleId`.', ['moduleId']);
      if (!TRACK_IDS.some((track) => track === page.audience))
        fail(`A module belongs to one track: set \`audience\` to ${TRACK_IDS.join(' or ')}.`, [
          'audience',
        ]);
      if (!page.duration) fail('A module needs a `duration` in minutes.', ['duration']);
      if (page.objectives.length === 0)
        fail('A module needs learning `objectives`: list what the reader will be able to do.', [
          'objectives',
        ]);
    }
    if (page.passMark !== undefined && page.passMark > page.checks.length)
      fail(
        `The pass mark (${page.passMark}) is more than the number of questions in the knowledge check (${page.checks.length}): lower it, or remove it to require every question.`,
        ['passMark'],
      );
    page.checks.forEach((check, index) => {
      if (!check.options.includes(check.answer))
        fail(
          `The answer to check "${check.id}" is not one of its options: copy the right option exactly.`,
          ['checks', index, 'answer'],
        );
    });
    const ids = [...page.checks, ...page.reflections].map((item) => item.id);
    const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
    if (repeated.length > 0)
      fail(`These ids appear more than once in this page: ${repeated.join(', ')}.`, ['checks']);
  });

export type Check = z.infer<typeof checkSchema>;
export type Reflection = z.infer<typeof reflectionSchema>;

interface PageIds {
  filePath: string;
  moduleId?: string | undefined;
  checks: { id: string }[];
  reflections: { id: string }[];
}

/** Every module, check and reflection id used by more than one page, with the files using it. */
export function findIdsUsedTwice(pages: readonly PageIds[]): Map<string, string[]> {
  const files = new Map<string, string[]>();
  for (const page of pages) {
    const ids = [
      page.moduleId,
      ...page.checks.map((c) => c.id),
      ...page.reflections.map((r) => r.id),
    ];
    for (const id of new Set(ids.filter((id): id is string => Boolean(id)))) {
      files.set(id, [...(files.get(id) ?? []), page.filePath]);
    }
  }
  return new Map([...files].filter(([, paths]) => paths.length > 1));
}
