/**
 * The measurement behind the compression settings in `production/compression.ts`, run by
 * `npm run bench:server` on the pages the server really renders: for each candidate, the bytes sent,
 * the main-thread time to compress a page in one call (and so pages a second per core), how long the
 * saved bytes take at 100 Mbit/s, and the memory one open compressor holds (what a streaming
 * compressor keeps per response in flight).
 */
import { execFileSync } from 'node:child_process';
import {
  brotliCompressSync,
  constants,
  gzipSync,
  type BrotliOptions,
  type ZlibOptions,
} from 'node:zlib';

interface Candidate {
  name: string;
  compress: (page: Buffer) => Buffer;
  /** The `node:zlib` call that opens the same compressor as a stream, as source text. */
  streamCall: string;
}

const brotli = (quality: number, window: number): Candidate => {
  const options = (page?: Buffer): BrotliOptions => ({
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_LGWIN]: window,
      ...(page ? { [constants.BROTLI_PARAM_SIZE_HINT]: page.length } : {}),
    },
  });
  return {
    name: `brotli quality ${quality}, ${window}-bit window`,
    compress: (page) => brotliCompressSync(page, options(page)),
    streamCall: `createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: ${quality}, [zlib.constants.BROTLI_PARAM_LGWIN]: ${window} } })`,
  };
};

const gzip = (level: number): Candidate => {
  const options: ZlibOptions = { level };
  return {
    name: `gzip level ${level}`,
    compress: (page) => gzipSync(page, options),
    streamCall: `createGzip({ level: ${level} })`,
  };
};

export const CANDIDATES: Candidate[] = [
  gzip(1),
  gzip(6),
  brotli(1, 18),
  brotli(4, 18),
  brotli(4, 22),
  brotli(5, 18),
];

const OPEN_STREAMS = 100;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Main-thread microseconds to compress the page once: the median of seven batches. */
function microsecondsPerPage(candidate: Candidate, page: Buffer): number {
  const batches: number[] = [];
  for (let batch = 0; batch < 7; batch++) {
    const started = performance.now();
    for (let i = 0; i < 100; i++) candidate.compress(page);
    batches.push(((performance.now() - started) / 100) * 1000);
  }
  return median(batches);
}

/**
 * Resident memory, in MB, that one open compressor holds: a fresh process opens a hundred, writes
 * the page to each and flushes it, and reports how much it grew.
 */
function megabytesPerOpenStream(candidate: Candidate, page: Buffer): number {
  const script = `
    import zlib from 'node:zlib';
    const page = Buffer.alloc(${page.length}, 'flipside ');
    const before = process.memoryUsage().rss;
    const streams = Array.from({ length: ${OPEN_STREAMS} }, () => zlib.${candidate.streamCall});
    await Promise.all(streams.map((s) => { s.write(page); return new Promise((r) => s.flush(r)); }));
    console.log(process.memoryUsage().rss - before);`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
  });
  return Math.max(0, Number(output)) / OPEN_STREAMS / 1024 / 1024;
}

/** Prints the comparison for the given pages (name and uncompressed body). */
export async function printCompressionComparison(pages: Map<string, Buffer>): Promise<void> {
  const names = [...pages.keys()];
  console.log(
    `\nCompression of on-demand HTML, one synchronous call per page (${names
      .map((name) => `${name} ${(pages.get(name)!.length / 1024).toFixed(1)} KB`)
      .join(', ')}):`,
  );
  console.log(
    `| setting | ${names.map((name) => `${name}: KB sent | µs to compress | µs saved at 100 Mbit/s`).join(' | ')} | MB per open stream |`,
  );
  console.log(`|---|${names.map(() => '---|---|---').join('|')}|---|`);
  for (const candidate of CANDIDATES) {
    const cells: string[] = [];
    for (const page of pages.values()) {
      for (let i = 0; i < 20; i++) candidate.compress(page);
      const size = candidate.compress(page).length;
      const micros = microsecondsPerPage(candidate, page);
      const savedMicros = ((page.length - size) * 8) / 100;
      cells.push(`${(size / 1024).toFixed(1)} | ${micros.toFixed(0)} | ${savedMicros.toFixed(0)}`);
    }
    const memory = megabytesPerOpenStream(candidate, pages.values().next().value!);
    console.log(`| ${candidate.name} | ${cells.join(' | ')} | ${memory.toFixed(2)} |`);
  }
}
