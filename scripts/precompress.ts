/**
 * Writes `.br` and `.gz` beside every compressible file of the client build, so the production
 * server sends static pages and assets compressed without spending CPU per request.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|xml|txt|webmanifest|pf_meta)$/;
const MIN_BYTES = 1024;
const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

const clientDir = path.resolve(process.argv[2] ?? 'dist/client');
const files = (await readdir(clientDir, { recursive: true }))
  .filter((file) => COMPRESSIBLE.test(file))
  .map((file) => path.join(clientDir, file));

let written = 0;
for (const file of files) {
  const content = await readFile(file);
  if (content.length < MIN_BYTES) continue;
  const br = await brotli(content, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
    },
  });
  await writeFile(file + '.br', br);
  await writeFile(file + '.gz', await gzipAsync(content, { level: 9 }));
  written += 1;
}
console.log(`precompress: ${written} files written as .br and .gz in ${clientDir}`);
