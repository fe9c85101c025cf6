/**
 * The Content-Security-Policy holds on every kind of page: nothing the site itself sends is refused
 * (a violation fails the test), and a script the site did not write is.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { lastLink, programmeMemberSignedIn } from './outbox.ts';
import { hasChromium, useSiteAndBrowser } from './site.ts';

/** Collects the page's CSP violations, from the DOM event and from the console. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const fromConsole: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content.Security.Policy/i.test(message.text()))
      fromConsole.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  return async () => [
    ...(await page.evaluate(
      () => (window as unknown as { cspViolations: string[] }).cspViolations,
    )),
    ...fromConsole,
  ];
}

describe.runIf(hasChromium)('Content-Security-Policy', () => {
  const suite = useSiteAndBrowser();
  let pat: BrowserContext;
  let visitor: BrowserContext;

  beforeAll(async () => {
    pat = await suite.browser.newContext();
    visitor = await suite.browser.newContext();
    await programmeMemberSignedIn(suite.site, pat);
  });

  /** Opens `path`, does what a person would there, and returns the violations seen. */
  async function violationsOn(
    context: BrowserContext,
    path: string,
    use: (page: Page) => Promise<void> = async () => {},
  ): Promise<string[]> {
    const page = await context.newPage();
    const violations = await watchViolations(page);
    const response = await page.goto(suite.site.url + path, { waitUntil: 'networkidle' });
    // Static pages carry the policy in a meta element (with frame-ancestors in the server's
    // header, as a meta element cannot hold it); pages rendered on demand carry it all in the header.
    const header = response?.headers()['content-security-policy'] ?? '';
    const meta = page.locator('meta[http-equiv="content-security-policy"]');
    const policy = `${header}; ${(await meta.count()) ? await meta.getAttribute('content') : ''}`;
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("default-src 'self'");
    expect(policy).toMatch(/script-src 'self' [^;]*'sha256-/);
    await use(page);
    await page.waitForLoadState('networkidle');
    const seen = await violations();
    await page.close();
    return seen;
  }

  test.each([
    ['the home page', '/'],
    ['a module', '/modules/mentor/openness/'],
    ['a knowledge session', '/knowledge-sessions/mentor-kick-off/'],
    ['a case study', '/case-studies/caterpillar/'],
    ['a guidance page', '/guidance/coach-guide/'],
    ['the sign-in page', '/login/'],
    ['the reset page', '/reset/'],
    ['the 404 page', '/no-such-page/'],
  ])('refuses nothing on %s for a visitor', async (_name, path) => {
    expect(await violationsOn(visitor, path)).toEqual([]);
  });

  test('refuses nothing while search is in use', async () => {
    const seen = await violationsOn(visitor, '/', async (page) => {
      await page.getByRole('button', { name: 'Search' }).first().click();
      await page.getByPlaceholder('Search').fill('landlines');
      await page.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 15_000 });
    });
    expect(seen).toEqual([]);
  });

  test.each([
    ['My training', '/me/'],
    ['the account page', '/account/'],
    ['the people page', '/programme/people/'],
    ['a module, signed in', '/modules/mentee/listening/'],
  ])('refuses nothing on %s for a signed-in programme member', async (_name, path) => {
    expect(await violationsOn(pat, path)).toEqual([]);
  });

  test('refuses nothing on an invitation and a reset link', async () => {
    const people = await pat.newPage();
    await people.goto(suite.site.url + '/programme/people/');
    await people.getByLabel('Name').fill('Ben Okafor');
    await people.getByLabel('Email').fill('ben@example.org');
    await people.getByRole('button', { name: 'Send invitation', exact: true }).click();
    // Closing a page while its form post is under way can hang Chromium's close for a minute.
    await people.getByText('Invitation sent to ben@example.org.').waitFor();
    await people.close();
    const ben = await suite.browser.newContext();
    const invitation = new URL(await lastLink(suite.site, 'ben@example.org', 'invite')).pathname;
    expect(
      await violationsOn(ben, invitation, async (page) => {
        await page.getByLabel('Choose a password').fill('tea with two sugars');
        await page.getByRole('button', { name: 'Open my account' }).click();
        await page.waitForURL('**/me/?welcome=1');
      }),
    ).toEqual([]);
    const reset = await visitor.newPage();
    await reset.goto(suite.site.url + '/reset/');
    await reset.getByLabel('Email').fill('ben@example.org');
    await reset.getByRole('button', { name: 'Send the link' }).click();
    await reset.getByText('we have sent a link').waitFor();
    await reset.close();
    const link = new URL(await lastLink(suite.site, 'ben@example.org', 'reset')).pathname;
    expect(await violationsOn(visitor, link)).toEqual([]);
    await ben.close();
  });

  test('every prerendered page’s policy lists the hash of each inline script and style it carries', () => {
    const root = 'dist/client';
    const pages = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.html'),
    );
    expect(pages.length).toBeGreaterThan(40);
    const unlisted: string[] = [];
    for (const file of pages) {
      const html = readFileSync(path.join(root, file), 'utf8');
      const policy = html.match(/http-equiv="content-security-policy" content="([^"]*)"/)?.[1];
      if (!policy) {
        unlisted.push(`${file}: no policy`);
        continue;
      }
      const inline = [
        ...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g),
        ...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g),
      ];
      for (const [element, body] of inline) {
        const hash = `'sha256-${createHash('sha256').update(body!).digest('base64')}'`;
        if (!policy.includes(hash)) unlisted.push(`${file}: ${element.slice(0, 80)}`);
      }
    }
    expect(unlisted).toEqual([]);
  });

  test.each(['/', '/login/'])('refuses a script the site did not write on %s', async (path) => {
    const page = await visitor.newPage();
    const violations = await watchViolations(page);
    await page.goto(suite.site.url + path);
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.injected = true;';
      document.body.append(script);
    });
    await expect.poll(async () => (await violations())[0]).toMatch(/^script-src-elem inline/);
    expect(await page.evaluate(() => 'injected' in window)).toBe(false);
    await page.close();
  });
});
