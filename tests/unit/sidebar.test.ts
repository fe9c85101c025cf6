import { describe, expect, test } from 'vitest';
import type { ModuleSummary, Track } from '../../src/lib/curriculum.ts';
import { buildSidebar } from '../../src/lib/sidebar.ts';

const track = (id: 'mentor' | 'mentee', ids: string[]): Track => ({
  id,
  title: id === 'mentor' ? 'Mentor track' : 'Mentee track',
  audience: id,
  modules: ids.map((moduleId) => ({ moduleId, required: true })),
});
const modules = new Map<string, ModuleSummary>(
  ['mentor-b', 'mentor-a', 'mentee-a'].map((moduleId) => [
    moduleId,
    {
      moduleId,
      audience: moduleId.split('-')[0]!,
      title: `Title ${moduleId}`,
      slug: `modules/${moduleId}`,
      duration: 40,
    },
  ]),
);

describe('buildSidebar', () => {
  test('lists the groups in order, each track in its own order with durations', () => {
    const sidebar = buildSidebar(
      [track('mentor', ['mentor-b', 'mentor-a']), track('mentee', ['mentee-a'])],
      modules,
    );
    expect(sidebar.map((group) => group.label)).toEqual([
      'Start here',
      'Mentor track',
      'Mentee track',
      'Knowledge sessions',
      'Case studies',
      'Programme guidance',
      'Programme kit',
    ]);
    expect(sidebar[1]).toEqual({
      label: 'Mentor track',
      items: [
        {
          label: 'Title mentor-b',
          slug: 'modules/mentor-b',
          badge: { text: '40 min', variant: 'default' },
        },
        {
          label: 'Title mentor-a',
          slug: 'modules/mentor-a',
          badge: { text: '40 min', variant: 'default' },
        },
      ],
    });
  });

  test('lists every kit page once, after the programme guidance', () => {
    const sidebar = buildSidebar(
      [track('mentor', ['mentor-b', 'mentor-a']), track('mentee', ['mentee-a'])],
      modules,
    );
    const kit = sidebar.at(-1)!;
    const slugs = (items: unknown[]): string[] =>
      items.flatMap((item) => {
        const entry = item as { slug?: string; items?: unknown[] };
        return entry.items ? slugs(entry.items) : entry.slug ? [entry.slug] : [];
      });
    const kitSlugs = slugs('items' in kit ? kit.items : []);
    expect(kitSlugs).toContain('kit/meeting-plans');
    expect(kitSlugs).toContain('kit/focus-areas');
    expect(kitSlugs).toContain('kit/templates');
    expect(kitSlugs.every((slug) => slug.startsWith('kit/'))).toBe(true);
    expect(new Set(kitSlugs).size).toBe(kitSlugs.length);
  });

  test('refuses tracks without a mentee track', () => {
    expect(() => buildSidebar([track('mentor', [])], modules)).toThrow(/no "mentee" track/);
  });
});
