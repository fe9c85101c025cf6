/**
 * How long the links Flipside emails stay usable, and those lifetimes in words, so every email and
 * page that mentions one says what the code enforces.
 */
import { DAY, HOUR } from './session-policy.ts';

export const INVITATION_LIFETIME_MS = 14 * DAY;
export const RESET_LIFETIME_MS = HOUR;

const UNITS = [
  { ms: DAY, one: 'day', many: 'days' },
  { ms: HOUR, one: 'hour', many: 'hours' },
  { ms: 60_000, one: 'minute', many: 'minutes' },
];

/** A lifetime in words, in its largest whole unit: `one hour`, `14 days`, `90 minutes`. */
export function describeLifetime(ms: number): string {
  const unit = UNITS.find((candidate) => ms % candidate.ms === 0) ?? UNITS.at(-1)!;
  const count = Math.round(ms / unit.ms);
  return count === 1 ? `one ${unit.one}` : `${count} ${unit.many}`;
}
