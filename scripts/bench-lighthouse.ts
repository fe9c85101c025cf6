/**
 * `npm run bench:lighthouse`: Lighthouse (mobile, its default) against Debian's Chromium on the home
 * page and a content page of the production server, printing the four category scores and the bytes
 * transferred.
 */
import lighthouse from 'lighthouse';
import { freePort, launchBrowser, startSite } from './local-site.ts';

const PAGES = ['/', '/modules/mentor/challenging-seniors/'];
const site = await startSite();
const port = await freePort();
const browser = await launchBrowser([`--remote-debugging-port=${port}`, '--headless=new']);
try {
  for (const path of PAGES) {
    const result = await lighthouse(site.url + path, { port, output: 'json', logLevel: 'error' });
    if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
    const { categories, audits } = result.lhr;
    const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
    const bytes = Number(audits['total-byte-weight']?.numericValue ?? 0);
    console.log(
      `${path}: performance ${score('performance')}, accessibility ${score('accessibility')}, ` +
        `best practices ${score('best-practices')}, SEO ${score('seo')}; ` +
        `transferred ${(bytes / 1024).toFixed(1)} KB`,
    );
    for (const [id, category] of Object.entries(categories)) {
      if ((category.score ?? 0) >= 1) continue;
      const failing = category.auditRefs
        .filter((ref) => ref.weight > 0 && (audits[ref.id]?.score ?? 1) < 1)
        .map((ref) => ref.id);
      console.log(`  ${id} below 100: ${failing.join(', ')}`);
    }
  }
} finally {
  await browser.close();
  await site.stop();
}
