/**
 * A queue for expensive work with bounded concurrency: at most `slots` jobs run at once, the rest
 * wait their turn in order, and a job that would wait longer than `maxWaitMs` (judged from how long
 * recent jobs took) is refused at once rather than queued, so a burst cannot build an unbounded
 * backlog or hold memory for work nobody will wait for.
 */

export class QueueFullError extends Error {
  /** When the work that is waiting now will have been done. */
  readonly retryAfterMs: number;

  constructor(retryAfterMs: number) {
    super('Too much work is waiting; try again later.');
    this.name = 'QueueFullError';
    this.retryAfterMs = retryAfterMs;
  }
}

export interface WorkQueue {
  run<T>(job: () => Promise<T>): Promise<T>;
  readonly running: number;
  readonly waiting: number;
}

/** Weight of the newest job in the running average of job times. */
const SMOOTHING = 0.2;

export function createWorkQueue({
  slots,
  maxWaitMs,
  initialJobMs,
  now = () => performance.now(),
}: {
  slots: number;
  maxWaitMs: number;
  /** The guess for a job's duration until one has been timed. */
  initialJobMs: number;
  now?: () => number;
}): WorkQueue {
  const waiting: (() => void)[] = [];
  let running = 0;
  let averageJobMs = initialJobMs;

  const expectedWaitMs = () => Math.ceil((waiting.length + 1) / slots) * averageJobMs;

  async function run<T>(job: () => Promise<T>): Promise<T> {
    if (running >= slots) {
      const wait = expectedWaitMs();
      if (wait > maxWaitMs) throw new QueueFullError(maxWaitMs);
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running += 1;
    }
    const started = now();
    try {
      return await job();
    } finally {
      averageJobMs += SMOOTHING * (now() - started - averageJobMs);
      // The slot passes straight to the next job in line, so `running` stays as it is.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  }

  return {
    run,
    get running() {
      return running;
    },
    get waiting() {
      return waiting.length;
    },
  };
}
