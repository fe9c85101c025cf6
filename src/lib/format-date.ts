/**
 * Dates as the site shows them: "20 November 2026", or "20 Nov 2026" where space is short, in UTC so
 * every server and page agree. The formatters are made once: making one costs more than a page's
 * worth of formatting.
 */
const LONG = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });
const MEDIUM = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' });

export function formatDate(date: Date | number): string {
  return LONG.format(date);
}

export function formatShortDate(date: Date | number): string {
  return MEDIUM.format(date);
}

/** The date for a `<time datetime>` attribute: `2026-11-20`. */
export function isoDate(date: Date | number): string {
  return new Date(date).toISOString().slice(0, 10);
}
