/**
 * How much argon2 work runs at once, and the size of libuv's thread pool that follows from it.
 * Argon2 runs on that pool, and so do Node's file reads, DNS lookups (the SMTP connection) and
 * asynchronous crypto and zlib calls: when every thread is hashing, all of those wait behind it.
 */
import { availableParallelism } from 'node:os';

/**
 * Hashes at once: one fewer than the cores, so one core stays free for the event loop and every
 * other request keeps its normal latency during a burst of sign-ins (at least one).
 */
export const PASSWORD_HASH_SLOTS = Math.max(1, availableParallelism() - 1);

/**
 * The longest a sign-in waits for its turn; one that would wait longer is refused and told to try
 * again after this long, by when the queue it saw has drained.
 */
export const PASSWORD_MAX_WAIT_MS = 10_000;

/** libuv's default size, kept free of argon2 for everything else that uses the pool. */
const OTHER_POOL_THREADS = 4;

export const THREAD_POOL_SIZE = PASSWORD_HASH_SLOTS + OTHER_POOL_THREADS;
