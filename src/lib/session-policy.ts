/**
 * How long a session lives: it ends after `idleMs` without use or `absoluteMs` after it was
 * created, whichever comes first. Pure arithmetic on epoch milliseconds, so tests use a fake clock.
 */

export interface SessionLifetime {
  idleMs: number;
  absoluteMs: number;
}

export const MINUTE = 60 * 1000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The defaults: participants 7 days idle and 30 days in all; the programme team 12 hours and 7 days. */
export const DEFAULT_LIFETIMES = {
  participant: { idleMs: 7 * DAY, absoluteMs: 30 * DAY },
  programme: { idleMs: 12 * HOUR, absoluteMs: 7 * DAY },
} satisfies Record<'participant' | 'programme', SessionLifetime>;

/** When a session verified at `lastVerifiedAt` and created at `createdAt` expires. */
export function sessionExpiry(
  createdAt: number,
  lastVerifiedAt: number,
  lifetime: SessionLifetime,
): number {
  return Math.min(createdAt + lifetime.absoluteMs, lastVerifiedAt + lifetime.idleMs);
}

/** Whether the sliding renewal is due: written at most hourly, so page views do not queue on the write lock. */
export function renewalDue(lastVerifiedAt: number, now: number): boolean {
  return now - lastVerifiedAt >= HOUR;
}

/**
 * A cookie scripts may read, carrying no secret, set beside the session cookie with the same
 * expiry: static pages ask who is signed in only when it is there.
 */
export const SIGNED_IN_HINT = 'flipside_signed_in';
