/**
 * Starlight route middleware: a module's previous and next links stay inside its track, so the
 * last mentor module never leads into the mentee track.
 */
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';

export const onRequest = defineRouteMiddleware(({ locals }) => {
  const { entry, pagination } = locals.starlightRoute;
  if (entry.data.kind !== 'module') return;
  const trackFolder = `/${entry.id.split('/').slice(0, -1).join('/')}/`;
  if (pagination.prev && !pagination.prev.href.includes(trackFolder)) pagination.prev = undefined;
  if (pagination.next && !pagination.next.href.includes(trackFolder)) pagination.next = undefined;
});
