/**
 * Sizes libuv's thread pool, which is fixed the first time anything uses it: `start.ts` imports this
 * module before any other. `src/lib/password-work.ts` says why the size is what it is; an explicit
 * UV_THREADPOOL_SIZE in the environment wins.
 */
import { THREAD_POOL_SIZE } from '../src/lib/password-work.ts';

process.env.UV_THREADPOOL_SIZE ??= String(THREAD_POOL_SIZE);
