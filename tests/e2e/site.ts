/**
 * The browser-test harness: the production server and Chromium from `scripts/local-site.ts`.
 * Without a Chromium the suite fails under CI=true and otherwise skips with one loud line.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromiumPath, launchBrowser, startSite, type Site } from '../../scripts/local-site.ts';

export { launchBrowser, startSite, type Site };

export const hasChromium = existsSync(chromiumPath);

if (!hasChromium) {
  const help = `Browser tests need Chromium at ${chromiumPath}: run "apt-get install -y chromium" or set CHROMIUM_PATH.`;
  if (process.env.CI === 'true') throw new Error(help);
  console.warn(`\n!!! SKIPPING BROWSER TESTS. ${help}\n`);
}

/** Starts the site and Chromium before a suite's tests and stops both after them. */
export function useSiteAndBrowser(env: Record<string, string> = {}): {
  site: Site;
  browser: Browser;
} {
  const suite = {} as { site: Site; browser: Browser };
  beforeAll(async () => {
    suite.site = await startSite(env);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.site?.stop();
  });
  return suite;
}
