/**
 * The programme team's people page in a real browser: every change answers with a redirect to the
 * clean address, inviting someone already invited offers Resend, disabling and granting the role ask
 * first on a step that needs no script, and a phone shows each person whole.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { seriousViolations, useTheme } from './axe.ts';
import { lastLink, programmeMemberSignedIn, runScript } from './outbox.ts';
import { hasChromium, useSiteAndBrowser } from './site.ts';

describe.runIf(hasChromium)('the people page, in a real browser', () => {
  const suite = useSiteAndBrowser();
  let pat: BrowserContext;
  /** Pat's browser with JavaScript off: every step must work without it. */
  let patWithoutScripts: BrowserContext;

  const people = () => suite.site.url + '/programme/people/';
  const row = (page: Page, name: string) => page.getByRole('row', { name: new RegExp(name) });
  const text = async (locator: Locator) => (await locator.textContent())?.replace(/\s+/g, ' ');
  beforeAll(async () => {
    pat = await suite.browser.newContext();
    await programmeMemberSignedIn(suite.site, pat);
    patWithoutScripts = await suite.browser.newContext({
      javaScriptEnabled: false,
      storageState: await pat.storageState(),
    });
  });

  async function invite(page: Page, name: string, email: string) {
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
  }

  test('an invitation answers with the clean address, and reloading it sends nothing again', async () => {
    const page = await pat.newPage();
    await page.goto(people());
    await invite(page, 'Ben Okafor', 'ben@example.org');
    await page.waitForURL(people());
    expect(await page.getByRole('status').textContent()).toContain(
      'Invitation sent to ben@example.org.',
    );
    const link = await lastLink(suite.site, 'ben@example.org', 'invite');
    await page.reload();
    expect(page.url()).toBe(people());
    expect(await page.getByRole('status').count()).toBe(0);
    expect(await row(page, 'Ben Okafor').textContent()).toContain('Invited');
    expect(await lastLink(suite.site, 'ben@example.org', 'invite')).toBe(link);
    await page.close();
  });

  test('inviting someone already invited says so and offers Resend, renaming and revoking nothing', async () => {
    const page = await pat.newPage();
    await page.goto(people());
    const link = await lastLink(suite.site, 'ben@example.org', 'invite');
    await invite(page, 'Benjamin', 'BEN@example.org');
    await page.waitForURL(people());
    const notice = page.getByRole('status');
    expect(await text(notice)).toContain(
      'Ben Okafor (ben@example.org) is already invited, and the link in their invitation still works.',
    );
    expect(await row(page, 'Ben Okafor').count()).toBe(1);
    expect(await row(page, 'Benjamin').count()).toBe(0);
    expect(await lastLink(suite.site, 'ben@example.org', 'invite')).toBe(link);
    expect(await seriousViolations(page)).toEqual([]);

    await notice.getByRole('button', { name: 'Resend the invitation to Ben Okafor' }).click();
    await page.waitForURL(`${people()}#people`);
    expect(await page.getByRole('status').textContent()).toContain(
      'Invitation sent again to ben@example.org.',
    );
    expect(await lastLink(suite.site, 'ben@example.org', 'invite', link)).not.toBe(link);
    await page.close();
  });

  test('disabling asks first on a step that works without JavaScript, and Cancel changes nothing', async () => {
    runScript(suite.site, 'user:create', ['--email', 'cara@example.org', '--name', 'Cara Diaz']);
    const page = await patWithoutScripts.newPage();
    await page.goto(people());
    await row(page, 'Cara Diaz')
      .getByRole('link', { name: 'Disable the account of Cara Diaz' })
      .click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Disable this account?',
    );
    expect(await text(page.locator('main p'))).toContain('Cara Diaz (cara@example.org)');
    expect(await text(page.locator('main'))).toContain('signed out everywhere at once');
    const withScripts = await pat.newPage();
    await withScripts.goto(page.url());
    expect(await seriousViolations(withScripts)).toEqual([]);
    await withScripts.close();
    await page.getByRole('link', { name: 'Cancel' }).click();
    expect(await row(page, 'Cara Diaz').textContent()).toContain('Invited');

    await row(page, 'Cara Diaz')
      .getByRole('link', { name: 'Disable the account of Cara Diaz' })
      .click();
    await page.getByRole('button', { name: 'Disable the account' }).click();
    await page.waitForURL(`${people()}#people`);
    expect(await page.getByRole('status').textContent()).toContain(
      'Cara Diaz’s account is disabled',
    );
    expect(await row(page, 'Cara Diaz').textContent()).toContain('Disabled');
    await page.reload();
    expect(await page.getByRole('status').count()).toBe(0);
    await page.close();
  });

  test('granting the programme role asks first, saying what it allows', async () => {
    const ben = await suite.browser.newContext();
    const accept = await ben.newPage();
    await accept.goto(await lastLink(suite.site, 'ben@example.org', 'invite'));
    await accept.getByLabel('Choose a password').fill('tea with two sugars');
    await accept.getByRole('button', { name: 'Open my account' }).click();
    await accept.waitForURL('**/me/?welcome=1');
    await ben.close();

    const page = await patWithoutScripts.newPage();
    await page.goto(people());
    await row(page, 'Ben Okafor')
      .getByRole('link', { name: 'Grant the programme role to Ben Okafor' })
      .click();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Give the programme role?',
    );
    expect(await text(page.locator('main p'))).toContain('Ben Okafor (ben@example.org)');
    expect(await text(page.locator('main'))).toContain('disable anyone’s account');
    await page.getByRole('button', { name: 'Give the programme role' }).click();
    await page.waitForURL(`${people()}#people`);
    expect(await page.getByRole('status').textContent()).toContain(
      'Ben Okafor now has the programme role',
    );
    expect(await row(page, 'Ben Okafor').getByRole('cell').nth(2).textContent()).toContain('Yes');
    await page.close();
  });

  test('a refused change says why with a 4xx, where it happened, and is not redirected', async () => {
    const page = await pat.newPage();
    await page.goto(people());
    await row(page, 'Ben Okafor')
      .getByRole('button', { name: 'Remove the programme role for Ben Okafor' })
      .click();
    await page.waitForURL(`${people()}#people`);
    // Disable Ben's account first, leaving Pat the last active member of the team.
    await row(page, 'Ben Okafor')
      .getByRole('link', { name: 'Disable the account of Ben Okafor' })
      .click();
    await page.getByRole('button', { name: 'Disable the account' }).click();
    await page.waitForURL(`${people()}#people`);
    const [response] = await Promise.all([
      page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
      row(page, 'Pat Lead')
        .getByRole('button', { name: 'Remove the programme role for Pat Lead' })
        .click(),
    ]);
    expect(response.status()).toBe(409);
    expect(await page.getByRole('alert').textContent()).toContain(
      'Pat Lead is the last active member of the programme team.',
    );
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`on a 375 px phone in the ${theme} theme, each person is a card with nothing cut off`, async () => {
      const page = await pat.newPage();
      await page.setViewportSize({ width: 375, height: 740 });
      await useTheme(page, theme);
      await page.goto(people());
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
      for (const name of ['Pat Lead', 'Ben Okafor', 'Cara Diaz']) {
        const box = (await row(page, name).boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(375);
        const email = row(page, name).getByRole('cell').first();
        const emailBox = (await email.boundingBox())!;
        expect(emailBox.x + emailBox.width).toBeLessThanOrEqual(box.x + box.width);
        expect(await email.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
      }
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
