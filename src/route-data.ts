/**
 * Starlight route middleware: a module's previous and next links are the modules before and after
 * it in its track, so the last mentor module never leads into the mentee track.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { getCollection } from 'astro:content';
import { nextModuleId, previousModuleId, trackOf, type Track } from './lib/curriculum';

export const onRequest = defineRouteMiddleware(async ({ locals }) => {
  const { entry, pagination } = locals.starlightRoute;
  const moduleId = entry.data.moduleId;
  if (entry.data.kind !== 'module' || !moduleId) return;
  const tracks: Track[] = (await getCollection('tracks')).map((track) => ({
    id: track.id as Track['id'],
    ...track.data,
  }));
  const track = trackOf(tracks, moduleId);
  const modules = await getCollection('docs', (doc) => doc.data.kind === 'module');
  const moduleAt = new Map(modules.map((doc) => [`/${doc.id}/`, doc.data.moduleId]));
  // The sidebar lists each track in order, so Starlight's neighbours are right unless they cross a track.
  if (
    pagination.prev &&
    (!track || moduleAt.get(pagination.prev.href) !== previousModuleId(track, moduleId))
  )
    pagination.prev = undefined;
  if (
    pagination.next &&
    (!track || moduleAt.get(pagination.next.href) !== nextModuleId(track, moduleId))
  )
    pagination.next = undefined;
});
