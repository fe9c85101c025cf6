/**
 * Settings that take effect only when a process starts, applied first thing by `start.ts`: a server
 * started without them replaces itself with one that has them (`process.execve`, so the process id
 * and its output stay the same). A flag or variable the operator already gave wins.
 *
 * - UV_THREADPOOL_SIZE, libuv's thread pool: `src/lib/password-work.ts` says why it is that size.
 * - `--max-semi-space-size=16`: V8 sizes the young generation from the machine's memory, and here
 *   let it grow to 128 MB while the server loaded its modules, resident for good. With 16 the
 *   server started at about 180 MB instead of 250 MB.
 * - `--max-old-space-size=256`: the old generation grew with load as V8 saw memory to spare, to
 *   over 450 MB resident after a minute of load; a ceiling makes it collect instead, and the server
 *   stayed near 250 MB. The live heap is a fraction of it (measured by `npm run bench:server`).
 */
import { THREAD_POOL_SIZE } from '../src/lib/password-work.ts';

const V8_FLAGS = ['--max-semi-space-size=16', '--max-old-space-size=256'];

const given = (flag: string) => process.execArgv.some((arg) => arg.startsWith(flag.split('=')[0]!));
const missing = V8_FLAGS.filter((flag) => !given(flag));
process.env.UV_THREADPOOL_SIZE ??= String(THREAD_POOL_SIZE);

if (missing.length > 0 && typeof process.execve === 'function') {
  process.execve(
    process.execPath,
    [process.execPath, ...missing, ...process.execArgv, ...process.argv.slice(1)],
    process.env,
  );
}
