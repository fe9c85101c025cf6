/**
 * Settings that take effect only when a process starts, applied first thing by `start.ts`: a server
 * started without them replaces itself with one that has them (`process.execve`, so the process id
 * and its output stay the same). A flag or variable the operator already gave wins.
 *
 * - UV_THREADPOOL_SIZE, libuv's thread pool: `src/lib/password-work.ts` says why it is that size.
 * - `--max-semi-space-size=32`: V8 sizes the young generation from the machine's memory, 128 MB here
 *   (twice 64), which the server filled while loading its modules and kept resident for good. A
 *   smaller one means more frequent minor collections while pages render. Measured on this 2-core
 *   machine, /login at 50 connections over six interleaved rounds, medians, with the ceiling below:
 *   16 MB served about 275 requests/s and stood at 240 MB resident after; 32 MB about 430 at 280 MB;
 *   64 MB about 620 at 330 MB. 32 leaves room under 350 MB for the rest of `npm run bench:server`.
 * - `--max-old-space-size=256`: without a ceiling the old generation grew with load as V8 saw memory
 *   to spare, to over 450 MB resident after a minute of load; with one it collects instead. The live
 *   heap is a small part of it.
 */
import { THREAD_POOL_SIZE } from '../src/lib/password-work.ts';

const V8_FLAGS = ['--max-semi-space-size=32', '--max-old-space-size=256'];

const given = (flag: string) =>
  [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((arg) =>
    arg.startsWith(flag.split('=')[0]!),
  );
const missing = V8_FLAGS.filter((flag) => !given(flag));
process.env.UV_THREADPOOL_SIZE ??= String(THREAD_POOL_SIZE);

if (missing.length > 0 && typeof process.execve === 'function') {
  process.execve(
    process.execPath,
    [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)],
    process.env,
  );
}
