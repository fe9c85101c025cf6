/**
 * Starlight route middleware. "On this page" also lists the sections that components add at the end
 * of a page, which Starlight cannot see among the body's headings. A module's previous and next are
 * the modules before and after it in its track, and nothing at either end, so they never lead out
 * of the track.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { loadCurriculum } from './curriculum/collections';
import { nextModuleId, previousModuleId, trackOf } from './lib/curriculum';

export const onRequest = defineRouteMiddleware(async ({ locals }) => {
  const { entry, pagination, toc } = locals.starlightRoute;
  // Starlight's own 404 entry skips the schema, so these can be missing.
  const { checks = [], reflections = [] } = entry.data;
  // Authors end a page with <KeyPoints>; a module then ends with its check and reflections.
  const closingSections = [
    entry.body?.includes('<KeyPoints') && { slug: 'key-points', text: 'Key points' },
    checks.length > 0 && { slug: 'knowledge-check', text: 'Knowledge check' },
    reflections.length > 0 && { slug: 'reflections', text: 'Reflect' },
  ].filter((section) => section !== false && section !== undefined);
  toc?.items.push(...closingSections.map((section) => ({ ...section, depth: 2, children: [] })));

  const moduleId = entry.data.moduleId;
  if (entry.data.kind !== 'module' || !moduleId) return;
  const { tracks, modules } = await loadCurriculum();
  const track = trackOf(tracks, moduleId);
  const moduleAt = new Map(
    [...modules.values()].map((module) => [`/${module.slug}/`, module.moduleId]),
  );
  // The sidebar lists each track in order, so Starlight's neighbours are right unless they leave the
  // track: then, as at either end of it, there is no link.
  const previous = track && previousModuleId(track, moduleId);
  const next = track && nextModuleId(track, moduleId);
  if (pagination.prev && (!previous || moduleAt.get(pagination.prev.href) !== previous))
    pagination.prev = undefined;
  if (pagination.next && (!next || moduleAt.get(pagination.next.href) !== next))
    pagination.next = undefined;
});
