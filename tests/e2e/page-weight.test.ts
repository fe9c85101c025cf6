import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { hasChromium, useSiteAndBrowser } from './site.ts';

const JS_BUDGET = 32 * 1024;

/** The module page whose built HTML is largest. */
function heaviestModulePage(): string {
  const root = 'dist/client/modules';
  if (!existsSync(root)) return '/modules/mentor/running-sessions/';
  const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('index.html'),
  );
  const heaviest = pages.sort(
    (a, b) => statSync(path.join(root, b)).size - statSync(path.join(root, a)).size,
  )[0];
  return `/modules/${path.dirname(heaviest!)}/`;
}
const TOTAL_BUDGET = 70 * 1024;

describe.runIf(hasChromium)('page weight', () => {
  const suite = useSiteAndBrowser();

  /** Bytes transferred (headers and compressed bodies) for a page's HTML, CSS and JS, as a browser loads it. */
  async function transferredBytes(path: string) {
    const page = await suite.browser.newPage();
    const sizes = { html: 0, css: 0, js: 0 };
    const pending: Promise<void>[] = [];
    page.on('requestfinished', (request) => {
      const kind = { document: 'html', stylesheet: 'css', script: 'js' }[request.resourceType()] as
        keyof typeof sizes | undefined;
      if (!kind) return;
      pending.push(
        request.sizes().then((s) => {
          sizes[kind] += s.responseBodySize + s.responseHeadersSize;
        }),
      );
    });
    await page.goto(suite.site.url + path, { waitUntil: 'networkidle' });
    await Promise.all(pending);
    await page.close();
    return { ...sizes, total: sizes.html + sizes.css + sizes.js };
  }

  test.each([heaviestModulePage(), '/case-studies/the-hartford/', '/'])(
    'a content page stays within 32 KB of JS and 70 KB in all: %s',
    async (path) => {
      const bytes = await transferredBytes(path);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      console.log(
        `page weight ${path}: HTML ${kb(bytes.html)}, CSS ${kb(bytes.css)}, JS ${kb(bytes.js)}, total ${kb(bytes.total)}`,
      );
      expect(bytes.html).toBeGreaterThan(0);
      expect(bytes.js).toBeLessThanOrEqual(JS_BUDGET);
      expect(bytes.total).toBeLessThanOrEqual(TOTAL_BUDGET);
    },
  );
});
