/**
 * The curriculum as content: every page and module meets the minimums a programme team relies on.
 * Reads the MDX files and `content/tracks.yaml` through the loader the build's config uses.
 */
import { describe, expect, test } from 'vitest';
import { readCurriculumFiles, readPageFiles } from '../../src/curriculum/files.ts';
import { modulesListedTwice } from '../../src/lib/curriculum.ts';
import { balanceProblems, checkBalance } from '../../src/lib/check-balance.ts';
import { findIdsUsedTwice, pageExtension } from '../../src/lib/page-schema.ts';

interface Page {
  file: string;
  data: Record<string, unknown> & ReturnType<typeof pageExtension.parse>;
  title: string;
  description?: string;
  body: string;
}

const pages: Page[] = readPageFiles().map(({ file, data, body }) => ({
  file,
  data: { ...data, ...pageExtension.parse(data) },
  title: String(data.title),
  description: data.description as string | undefined,
  body,
}));
const modules = pages.filter((page) => page.data.kind === 'module');
const ofKind = (kind: string) => pages.filter((page) => page.data.kind === kind);

/** Words a reader reads: no imports, component tags or link targets. */
function countWords(body: string): number {
  const prose = body
    .replace(/^import .*$/gm, '')
    .replace(/<\/?[A-Z][^>]*>/gs, ' ')
    .replace(/\]\([^)]*\)/g, ']');
  return prose.match(/[\p{L}\p{N}][\p{L}\p{N}’'-]*/gu)?.length ?? 0;
}

const { tracks } = readCurriculumFiles();

describe('the curriculum content', () => {
  test('has at least 7 modules in each track, 5 knowledge sessions, 6 case studies and 7 guidance pages', () => {
    expect(modules.filter((m) => m.data.audience === 'mentor').length).toBeGreaterThanOrEqual(7);
    expect(modules.filter((m) => m.data.audience === 'mentee').length).toBeGreaterThanOrEqual(7);
    expect(ofKind('knowledge-session').length).toBeGreaterThanOrEqual(5);
    expect(ofKind('case-study').length).toBeGreaterThanOrEqual(6);
    expect(ofKind('guidance').length).toBeGreaterThanOrEqual(7);
  });

  test('resolves every track entry to a module written for that track’s audience', () => {
    const byId = new Map(modules.map((m) => [m.data.moduleId, m]));
    for (const track of tracks) {
      for (const entry of track.modules) {
        expect(byId.get(entry.moduleId)?.data.audience, `${track.id}: ${entry.moduleId}`).toBe(
          track.audience,
        );
      }
    }
  });

  test('puts every module in exactly one track', () => {
    expect(modulesListedTwice(tracks)).toEqual([]);
    const listed = new Set(tracks.flatMap((track) => track.modules.map((m) => m.moduleId)));
    expect(modules.filter((m) => !listed.has(m.data.moduleId!)).map((m) => m.file)).toEqual([]);
  });

  test.each(modules.map((m) => [m.file, m] as const))(
    '%s meets the module minimums',
    (_file, module) => {
      expect(countWords(module.body)).toBeGreaterThanOrEqual(900);
      expect(module.data.objectives.length).toBeGreaterThanOrEqual(1);
      expect(module.data.reflections.length).toBeGreaterThanOrEqual(1);
      expect(module.data.duration).toBeGreaterThan(0);
      expect(module.body).toContain('<Scenario');
      expect(module.body).toMatch(/^## Practice activity$/m);
      expect(module.body).toContain('<KeyPoints>');
      for (const check of module.data.checks) expect(check.options).toContain(check.answer);
    },
  );

  test('gives every module exactly 4 knowledge checks of exactly 4 options each', () => {
    const misshapen = modules
      .map((m) => `${m.file}: ${m.data.checks.map((c) => c.options.length).join(', ')}`)
      .filter((shape) => !shape.endsWith(': 4, 4, 4, 4'));
    expect(misshapen).toEqual([]);
  });

  test('balances knowledge checks so that the longest option is not a safe guess', () => {
    const balance = checkBalance(modules.flatMap((m) => m.data.checks));
    expect(balanceProblems(balance)).toEqual([]);
  });

  test('marks optional material in a module with one exact heading', () => {
    for (const module of modules) {
      const headings = module.body.match(/^#{2,3} .*(going further|optional).*$/gim) ?? [];
      for (const heading of headings)
        expect(heading, module.file).toBe('## Going further (optional)');
    }
  });

  test('spells the past tense of learn as "learned" on every page', () => {
    const withLearnt = pages.filter((page) =>
      /\blearnt\b/i.test(
        `${page.title} ${page.description ?? ''} ${JSON.stringify(page.data)} ${page.body}`,
      ),
    );
    expect(withLearnt.map((page) => page.file)).toEqual([]);
  });

  test('uses every module, check and reflection id once across the site', () => {
    const ids = pages.map((page) => ({
      filePath: page.file,
      moduleId: page.data.moduleId,
      checks: page.data.checks,
      reflections: page.data.reflections,
    }));
    expect(Object.fromEntries(findIdsUsedTwice(ids))).toEqual({});
  });

  test('gives every page a description for search results and the meta description', () => {
    const missing = pages.filter((page) => (page.description ?? '').trim().length < 50);
    expect(missing.map((page) => page.file)).toEqual([]);
  });

  test('ends every case study with a source line', () => {
    for (const study of ofKind('case-study')) {
      expect(study.body, study.file).toMatch(/^\*\*Source:\*\* \S.+$/m);
    }
  });

  test('makes every knowledge session ready for a facilitator', () => {
    for (const session of ofKind('knowledge-session')) {
      for (const heading of [
        'Purpose',
        'Who it is for',
        'Agenda',
        'Discussion questions',
        'Follow-up',
      ]) {
        expect(session.body, `${session.file}: ${heading}`).toMatch(
          new RegExp(`^## ${heading}$`, 'm'),
        );
      }
      expect(session.body, session.file).toMatch(/\]\(\/modules\//);
    }
  });
});
