/**
 * A wave's schedule as an iCalendar feed, for calendar apps that subscribe to it. They send no
 * cookie, so the person's secret calendar link (`?key=`) says who is asking; a key that is unknown,
 * renewed or belongs to someone outside the wave gets the same 404 as a wave that does not exist.
 */
import type { APIRoute } from 'astro';
import { waveCalendar } from '~/lib/calendar';
import { calendarFor } from '~/server/access';
import { db, siteUrl } from '~/server/config';
import { listEvents } from '~/server/wave-events';

export const prerender = false;

export const GET: APIRoute = async ({ params, url }) => {
  const wave = await calendarFor(db(), params.wave!, url.searchParams.get('key'));
  if (!wave) return new Response('Not found.', { status: 404 });
  const events = await listEvents(db(), wave.id);
  return new Response(waveCalendar(wave, events, siteUrl), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `inline; filename="${wave.slug}.ics"`,
      // The link is a secret: no referrer carries it on, and no shared cache keeps the answer.
      'Referrer-Policy': 'no-referrer',
    },
  });
};
