/**
 * When a message that failed to send is tried again, and when the queue gives up on it: backoff
 * doubling from half a minute to at most an hour, and no more tries a day after it was queued.
 */
import { DAY, HOUR } from './session-policy.ts';

const FIRST_RETRY_MS = 30_000;
export const GIVE_UP_AFTER_MS = DAY;

/** How long to wait before the next try, after `attempts` tries have failed (1 or more). */
export function retryDelay(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), HOUR);
}

/** Whether a message queued at `queuedAt` has been failing long enough to give up on. */
export function shouldGiveUp(queuedAt: number, now: number): boolean {
  return now - queuedAt >= GIVE_UP_AFTER_MS;
}
