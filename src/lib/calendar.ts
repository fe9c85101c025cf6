/**
 * A wave's schedule as an iCalendar feed, made by ical-generator: every event in the wave's IANA
 * time zone (with its VTIMEZONE, so calendar apps that do not know the zone's name still place it
 * right), a stable UID per event and a SEQUENCE that goes up with each change, so a subscribed
 * calendar updates its copy rather than adding a second one.
 */
import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical from 'ical-generator';
import { isWebLink, startInstant } from './schedule.ts';

export interface CalendarEvent {
  id: string;
  title: string;
  startsAt: string;
  durationMinutes: number;
  place: string | null;
  pageSlug: string | null;
  sequence: number;
  updatedAt: Date;
}

/** The feed for a wave: `siteUrl` makes the event links and UIDs absolute. */
export function waveCalendar(
  wave: { name: string; slug: string; timeZone: string },
  events: readonly CalendarEvent[],
  siteUrl: string,
): string {
  const site = new URL(siteUrl);
  const calendar = ical({
    name: `${wave.name} (Flipside)`,
    prodId: { company: 'Flipside', product: 'cohort calendar', language: 'EN' },
    // No calendar-wide zone: ical-generator would then write DTSTAMP in it, where RFC 5545 wants UTC.
    timezone: { name: null, generator: getVtimezoneComponent },
    url: new URL(`/cohorts/${wave.slug}/`, site).href,
  });
  for (const event of events) {
    const start = startInstant(event.startsAt, wave.timeZone);
    const page = event.pageSlug ? new URL(`/${event.pageSlug}/`, site).href : undefined;
    const online = event.place && isWebLink(event.place) ? event.place : undefined;
    calendar.createEvent({
      id: `${event.id}@${site.hostname}`,
      sequence: event.sequence,
      stamp: event.updatedAt,
      start: new TZDate(start, wave.timeZone),
      end: new TZDate(start + event.durationMinutes * 60_000, wave.timeZone),
      timezone: wave.timeZone,
      summary: event.title,
      location: event.place ?? null,
      url: online ?? page ?? null,
      description: page ? `How the session runs: ${page}` : null,
    });
  }
  return calendar.toString();
}
