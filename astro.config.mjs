// @ts-check
import node from '@astrojs/node';
import starlight from '@astrojs/starlight';
import { defineConfig, envField } from 'astro/config';
import starlightLinksValidator from 'starlight-links-validator';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { backgroundWorkInDev } from './production/background-work-in-dev.ts';
import { readCurriculumFiles } from './src/curriculum/files.ts';
import { buildSidebar } from './src/lib/sidebar.ts';

/**
 * CSP hashes of the scripts Starlight writes into pages as they are (`<script is:inline>`), which
 * Astro's `security.csp` does not hash by itself. Read from the installed Starlight, so an upgrade
 * that changes them changes the hashes too; the browser tests fail on any CSP violation.
 */
/** @returns {`sha256-${string}`[]} */
function starlightInlineScriptHashes() {
  const dist = path.dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight')));
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' });
  return files
    .filter((file) => file.endsWith('.astro'))
    .flatMap((file) => [
      ...readFileSync(path.join(dist, file), 'utf8').matchAll(
        /<script is:inline[^>]*>([\s\S]*?)<\/script>/g,
      ),
    ])
    .map(
      ([, body]) =>
        /** @type {`sha256-${string}`} */ (
          `sha256-${createHash('sha256').update(body).digest('base64')}`
        ),
    );
}

// The build reads SITE_URL too (canonical links, trusted proxy domain), so `.env` counts here as well;
// but not under Vitest, which loads this file and must not meet a developer's real database.
if (existsSync('.env') && !process.env.VITEST) process.loadEnvFile('.env');
const site = new URL(process.env.SITE_URL ?? 'http://localhost:4321');
const curriculum = readCurriculumFiles();

export default defineConfig({
  site: site.href,
  output: 'server',
  // Not streamed: the production server holds each on-demand response until it ends, to compress it
  // in one call (production/compression.ts), so streaming bought nothing and its many small writes
  // cost a tenth of a page as large as a cohort page (A/B, /cohorts/wave-1/ +12 %, /me +8 %).
  adapter: node({ mode: 'middleware', experimentalDisableStreaming: true }),
  trailingSlash: 'ignore',
  compressHTML: true,
  // Styles as files, which the CSP's 'self' covers: Astro does not hash the inline styles of
  // components used inside MDX content.
  build: { inlineStylesheets: 'never' },
  security: {
    checkOrigin: true,
    // The console's CSV upload (src/lib/roster-import.ts) takes files of up to 5 MB, with room for the
    // multipart form around it; Astro's default is 1 MB for every action. The production server limits
    // bodies by path, so only the programme's pages accept this much.
    actionBodySizeLimit: 5 * 1024 * 1024 + 64 * 1024,
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
      ],
      // Pagefind's search runs as WebAssembly.
      scriptDirective: {
        resources: ["'self'", "'wasm-unsafe-eval'"],
        hashes: starlightInlineScriptHashes(),
      },
      styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] },
    },
    // Behind a TLS proxy Astro sees plain HTTP on an internal host; trusting X-Forwarded-Host and
    // X-Forwarded-Proto for the public address lets checkOrigin compare against what browsers send.
    allowedDomains: [
      {
        protocol: site.protocol.slice(0, -1),
        hostname: site.hostname,
        ...(site.port ? { port: site.port } : {}),
      },
    ],
  },
  env: {
    // Every variable is `secret`: Astro reads secret server variables at run time, while public ones
    // are fixed into the build, and one build is deployed to every server and environment.
    schema: {
      DATABASE_URL: envField.string({
        context: 'server',
        access: 'secret',
        default: 'file:.data/flipside.db',
      }),
      DATABASE_AUTH_TOKEN: envField.string({ context: 'server', access: 'secret', optional: true }),
      SITE_URL: envField.string({
        context: 'server',
        access: 'secret',
        default: 'http://localhost:4321',
      }),
      TRUSTED_PROXY_HOPS: envField.number({
        context: 'server',
        access: 'secret',
        default: 0,
        int: true,
        min: 0,
      }),
      PARTICIPANT_SESSION_IDLE_HOURS: envField.number({
        context: 'server',
        access: 'secret',
        default: 168,
        min: 1,
      }),
      PARTICIPANT_SESSION_MAX_DAYS: envField.number({
        context: 'server',
        access: 'secret',
        default: 30,
        min: 1,
      }),
      PROGRAMME_SESSION_IDLE_HOURS: envField.number({
        context: 'server',
        access: 'secret',
        default: 12,
        min: 1,
      }),
      PROGRAMME_SESSION_MAX_DAYS: envField.number({
        context: 'server',
        access: 'secret',
        default: 7,
        min: 1,
      }),
    },
  },
  integrations: [
    backgroundWorkInDev(),
    starlight({
      title: 'Flipside',
      description:
        'Training and programme guidance for reverse mentoring: mentor and mentee tracks, knowledge sessions, case studies.',
      locales: { root: { label: 'English', lang: 'en-GB' } },
      customCss: ['./src/styles/flipside.css'],
      components: {
        Header: './src/components/starlight/Header.astro',
        MarkdownContent: './src/components/starlight/MarkdownContent.astro',
        Search: './src/components/starlight/Search.astro',
      },
      routeMiddleware: './src/route-data.ts',
      sidebar: buildSidebar(curriculum.tracks, curriculum.modules),
      plugins: [starlightLinksValidator({ errorOnLocalLinks: false })],
    }),
  ],
});
