/**
 * A wave's schedule without the database: the events a new wave gets from the master schedule,
 * what makes an event acceptable, which event is next, and how a time is written. An event's time
 * is its wall-clock time in the wave's time zone (`YYYY-MM-DDTHH:MM`), turned into an instant only
 * to compare it with now.
 */
import { TZDate } from '@date-fns/tz';
import type { EventKind } from './event-kinds.ts';
import type { MasterEvent } from './schedule-schema.ts';
import { addDays, isCalendarDay } from './wave-rules.ts';

export interface ScheduledEvent {
  kind: EventKind;
  title: string;
  startsAt: string;
  durationMinutes: number;
  place: string | null;
  pageSlug: string | null;
}

const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether `value` is a wall-clock time written `YYYY-MM-DDTHH:MM` on a real day. */
export function isLocalTime(value: string): boolean {
  const match = LOCAL_TIME.exec(value);
  return Boolean(match && isCalendarDay(match[1]!));
}

/** The wave's events as the master schedule lays them out from `startsOn`. */
export function eventsFromMaster(
  master: readonly MasterEvent[],
  startsOn: string,
): ScheduledEvent[] {
  return master
    .map((entry) => ({
      kind: entry.kind,
      title: entry.title,
      startsAt: `${addDays(startsOn, entry.weeksAfterStart * 7 + entry.daysAfter)}T${entry.time}`,
      durationMinutes: entry.durationMinutes,
      place: entry.place ?? null,
      pageSlug: entry.page ?? null,
    }))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** Events that fall outside the wave's days, which a wave cannot hold. */
export function eventsOutside<T extends { startsAt: string }>(
  events: readonly T[],
  wave: { startsOn: string; endsOn: string },
): T[] {
  return events.filter((event) => {
    const day = event.startsAt.slice(0, 10);
    return day < wave.startsOn || day > wave.endsOn;
  });
}

/** Why this event cannot be in the wave, or undefined. */
export function eventProblem(
  event: { startsAt: string; durationMinutes: number; place: string | null },
  wave: { startsOn: string; endsOn: string },
): string | undefined {
  if (!isLocalTime(event.startsAt))
    return 'Enter the date and time of the event, such as 2027-03-01 at 10:00.';
  if (eventsOutside([event], wave).length > 0)
    return `The event must fall within the wave, between ${formatDay(wave.startsOn)} and ${formatDay(wave.endsOn)}. Change its date, or the wave's dates first.`;
  if (
    !Number.isInteger(event.durationMinutes) ||
    event.durationMinutes < 5 ||
    event.durationMinutes > 720
  )
    return 'Give the event a length between 5 minutes and 12 hours.';
  if (event.place && /^[a-z][a-z0-9+.-]*:/i.test(event.place) && !isWebLink(event.place))
    return 'A link for the place must start with https:// or http://.';
  return undefined;
}

/** Whether a place is a web link (shown as a link) rather than a room or address. */
export function isWebLink(place: string): boolean {
  try {
    const url = new URL(place);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

// Working out a zone's offset goes through Intl and is slow, while a wall-clock time in a zone always
// names the same instant: remembered, so a page listing a schedule works each one out once.
const instants = new Map<string, number>();
const MAX_REMEMBERED = 10_000;

/** The instant an event starts, as milliseconds since 1970. */
export function startInstant(startsAt: string, timeZone: string): number {
  const key = `${startsAt} ${timeZone}`;
  const known = instants.get(key);
  if (known !== undefined) return known;
  const [day, time] = startsAt.split('T') as [string, string];
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const instant = new TZDate(year, month - 1, date, hours, minutes, timeZone).getTime();
  if (instants.size >= MAX_REMEMBERED) instants.clear();
  instants.set(key, instant);
  return instant;
}

/** The event under way or next to come at `now`, or undefined when all are over. */
export function nextEvent<T extends { startsAt: string; durationMinutes: number }>(
  events: readonly T[],
  timeZone: string,
  now: number,
): T | undefined {
  return [...events]
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
    .find((event) => startInstant(event.startsAt, timeZone) + event.durationMinutes * 60_000 > now);
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDayFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function utcDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date));
}

/** A calendar day with its weekday, as people read it: `Monday 1 March 2027`. */
export function formatWeekday(day: string): string {
  const parts = dayFormat.formatToParts(utcDay(day));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/** A calendar day as people read it: `1 March 2027`. */
export function formatDay(day: string): string {
  return shortDayFormat.format(utcDay(day));
}

/** An event's day and times as people read them: `Monday 1 March 2027, 10:00 to 12:00`. */
export function formatEventTime(startsAt: string, durationMinutes: number): string {
  const [day, time] = startsAt.split('T') as [string, string];
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  const endTotal = hours * 60 + minutes + durationMinutes;
  const endDay = addDays(day, Math.floor(endTotal / (24 * 60)));
  const end = `${String(Math.floor(endTotal / 60) % 24).padStart(2, '0')}:${String(endTotal % 60).padStart(2, '0')}`;
  const ending = endDay === day ? end : `${formatDay(endDay)}, ${end}`;
  return `${formatWeekday(day)}, ${time} to ${ending}`;
}
