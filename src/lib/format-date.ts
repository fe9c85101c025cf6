/** Dates as the site shows them: "20 November 2026", in UTC so every server and page agree. */
const LONG = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

export function formatDate(date: Date | number): string {
  return LONG.format(date);
}

/** The date for a `<time datetime>` attribute: `2026-11-20`. */
export function isoDate(date: Date | number): string {
  return new Date(date).toISOString().slice(0, 10);
}
