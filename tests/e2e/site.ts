/**
 * The browser-test harness: the production server and Chromium from `scripts/local-site.ts`.
 * Without a Chromium the suite fails under CI=true and otherwise skips with one loud line.
 */
import { existsSync } from 'node:fs';
import { chromiumPath } from '../../scripts/local-site.ts';

export { launchBrowser, startSite, type Site } from '../../scripts/local-site.ts';

export const hasChromium = existsSync(chromiumPath);

if (!hasChromium) {
  const help = `Browser tests need Chromium at ${chromiumPath}: run "apt-get install -y chromium" or set CHROMIUM_PATH.`;
  if (process.env.CI === 'true') throw new Error(help);
  console.warn(`\n!!! SKIPPING BROWSER TESTS. ${help}\n`);
}
