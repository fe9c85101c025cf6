import { describe, expect, test } from 'vitest';
import { createWorkQueue, QueueFullError } from '../../src/lib/work-queue.ts';

/** A job that finishes when the test says so. */
function deferredJob<T>(value: T) {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  return { job: () => done.then(() => value), finish };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createWorkQueue', () => {
  test('runs at most `slots` jobs at once and the rest in the order they came', async () => {
    const queue = createWorkQueue({ slots: 2, maxWaitMs: 60_000, initialJobMs: 1 });
    const jobs = Array.from({ length: 5 }, (_, i) => deferredJob(i));
    const started: number[] = [];
    const results = jobs.map(({ job }, i) =>
      queue.run(() => {
        started.push(i);
        return job();
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect([queue.running, queue.waiting]).toEqual([2, 3]);
    jobs[1]!.finish();
    await tick();
    expect(started).toEqual([0, 1, 2]);
    for (const { finish } of jobs) finish();
    expect(await Promise.all(results)).toEqual([0, 1, 2, 3, 4]);
    expect([queue.running, queue.waiting]).toEqual([0, 0]);
  });

  test('refuses a job that would wait longer than the limit, saying when to try again', async () => {
    let clock = 0;
    const queue = createWorkQueue({
      slots: 1,
      maxWaitMs: 1000,
      initialJobMs: 400,
      now: () => clock,
    });
    const first = deferredJob('first');
    const running = queue.run(first.job);
    const waiting = [queue.run(async () => 'second'), queue.run(async () => 'third')];
    // Two jobs of about 400 ms are ahead of a fourth: 1,200 ms is more than it may wait.
    const refusal = await queue.run(async () => 'fourth').catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(QueueFullError);
    expect((refusal as QueueFullError).retryAfterMs).toBe(1000);
    expect(queue.waiting).toBe(2);
    clock = 400;
    first.finish();
    expect(await Promise.all([running, ...waiting])).toEqual(['first', 'second', 'third']);
  });

  test('judges the wait by how long jobs have taken', async () => {
    const queue = createWorkQueue({
      slots: 1,
      maxWaitMs: 1000,
      initialJobMs: 2000,
      now: () => 0,
    });
    // Guessing 2 s a job, nothing may queue behind a running one.
    const slow = deferredJob('a');
    const running = queue.run(slow.job);
    await expect(queue.run(async () => 'b')).rejects.toBeInstanceOf(QueueFullError);
    slow.finish();
    await running;
    // Jobs that take no time bring the estimate down until one may wait again.
    for (let i = 0; i < 30; i++) await queue.run(async () => i);
    const next = deferredJob('c');
    const again = queue.run(next.job);
    const queued = queue.run(async () => 'd');
    next.finish();
    expect(await Promise.all([again, queued])).toEqual(['c', 'd']);
  });

  test('passes the slot on when a job fails', async () => {
    const queue = createWorkQueue({ slots: 1, maxWaitMs: 60_000, initialJobMs: 1 });
    const failing = queue.run(async () => {
      throw new Error('boom');
    });
    const after = queue.run(async () => 'after');
    await expect(failing).rejects.toThrow('boom');
    expect(await after).toBe('after');
    expect(queue.running).toBe(0);
  });
});
