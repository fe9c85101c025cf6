/**
 * `npm run screenshots -- <base-url> <path> [<path> ...]`: full-page screenshots of each path in
 * the light and dark themes at desktop width and at a narrow mobile width, into `.cache/screenshots/`.
 * Set COOKIE to `name=value` (several separated by `;`) to capture a signed-in view.
 */
import { mkdirSync } from 'node:fs';
import { launchBrowser } from './local-site.ts';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('Usage: npm run screenshots -- http://127.0.0.1:4321 / /modules/mentor/openness/');
  process.exit(2);
}
const outDir = '.cache/screenshots';
mkdirSync(outDir, { recursive: true });
const browser = await launchBrowser();
const sizes = { desktop: { width: 1280, height: 900 }, mobile: { width: 375, height: 740 } };
for (const path of paths) {
  for (const theme of ['light', 'dark']) {
    for (const [sizeName, viewport] of Object.entries(sizes)) {
      const context = await browser.newContext({ viewport });
      for (const cookie of (process.env.COOKIE ?? '').split(';').filter((c) => c.trim())) {
        const [name, ...value] = cookie.trim().split('=');
        await context.addCookies([{ name: name!, value: value.join('='), url: base }]);
      }
      const page = await context.newPage();
      await page.addInitScript((value) => localStorage.setItem('starlight-theme', value), theme);
      await page.goto(base + path, { waitUntil: 'networkidle' });
      const file = `${outDir}/${path.replace(/[^a-z0-9]+/gi, '_') || 'home'}-${theme}-${sizeName}.png`;
      await page.screenshot({ path: file, fullPage: process.env.FULL === '1' });
      console.log(file);
      await context.close();
    }
  }
}
await browser.close();
