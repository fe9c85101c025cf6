import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { seriousViolations, useTheme } from './axe.ts';
import { hasChromium, useSiteAndBrowser } from './site.ts';

describe.runIf(hasChromium)('the public site', () => {
  const suite = useSiteAndBrowser();

  test.each([
    ["I'm a reverse mentor", 'For reverse mentors'],
    ["I'm a reverse mentee", 'For reverse mentees'],
    ['I run a programme', 'For programme teams'],
  ])('the home page entry point "%s" leads to its section', async (entry, heading) => {
    const page = await suite.browser.newPage();
    await page.goto(suite.site.url + '/');
    await page.getByRole('link', { name: entry }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
    await page.close();
  });

  test.each(['/', '/login/'])(
    'offers the theme switch on a phone on %s, a page without the sidebar menu',
    async (path) => {
      const page = await suite.browser.newPage({ viewport: { width: 375, height: 740 } });
      await page.goto(suite.site.url + path);
      await page.getByRole('combobox', { name: 'Select theme' }).selectOption('dark');
      expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
      await page.close();
    },
  );

  test('search finds a page by a word in its body', async () => {
    const page = await suite.browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('requestfailed', (request) => {
      if (request.url().includes('/pagefind/'))
        problems.push(`${request.url()}: ${request.failure()?.errorText}`);
    });
    page.on('response', (response) => {
      if (response.url().includes('/pagefind/') && response.status() >= 400)
        problems.push(`${response.url()}: ${response.status()}`);
    });
    await page.goto(suite.site.url + '/');
    await page.getByRole('button', { name: 'Search' }).first().click();
    await page.getByPlaceholder('Search').fill('landlines');
    const results = page.locator('.pagefind-ui__result-link');
    await results
      .first()
      .waitFor({ timeout: 15_000 })
      .catch(() => {
        throw new Error(`No search results; failed requests and errors: ${problems.join('; ')}`);
      });
    expect(await results.allTextContents()).toContain(
      'The Hartford: two waves and a master schedule',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test.each(['/', '/modules/mentor/confidentiality/', '/guidance/recruiting-and-matching/'])(
      `axe-core finds no serious violation on %s in the ${theme} theme`,
      async (path) => {
        const page = await suite.browser.newPage();
        await useTheme(page, theme);
        await page.goto(suite.site.url + path);
        expect(await page.locator('html').getAttribute('data-theme')).toBe(theme);
        expect(await seriousViolations(page)).toEqual([]);
        await page.close();
      },
    );
  }

  test('/healthz reports the database as reachable', async () => {
    const response = await fetch(suite.site.url + '/healthz');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  test('every page, static or on demand, has a meta description', async () => {
    const staticPages = readdirSync('dist/client', { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('index.html'))
      .map((file) => '/' + file.replace(/index\.html$/, ''));
    expect(staticPages.length).toBeGreaterThan(40);
    for (const path of [...staticPages, '/login/', '/reset/', '/invite/']) {
      const html = await (await fetch(suite.site.url + path)).text();
      expect(html, path).toMatch(/<meta name="description" content="[^"]{40,}"/);
    }
  });
});
