import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { seriousViolations } from './axe.ts';
import { lastLink, runScript } from './outbox.ts';
import { hasChromium, useSiteAndBrowser } from './site.ts';

describe.runIf(hasChromium)('accounts, in a real browser', () => {
  const suite = useSiteAndBrowser();
  let pat: BrowserContext;
  let ben: BrowserContext;

  beforeAll(async () => {
    pat = await suite.browser.newContext();
    ben = await suite.browser.newContext();
  });

  const headerName = (page: Page) => page.locator('[data-user-menu] [data-name]');

  test('a programme member created from the command line accepts the invitation and lands on My training', async () => {
    const printed = runScript(suite.site, 'user:create', [
      '--email',
      'pat@example.org',
      '--name',
      'Pat Lead',
      '--role',
      'programme',
    ]);
    const link = printed.match(/http\S+\/invite\/\S+/)?.[0];
    expect(link).toBeDefined();
    const page = await pat.newPage();
    await page.goto(link!);
    expect(await page.getByLabel('Your name').inputValue()).toBe('Pat Lead');
    await page.getByLabel('Choose a password').fill('the kettle is on');
    await page.getByRole('button', { name: 'Open my account' }).click();
    await page.waitForURL('**/me/?welcome=1');
    expect(await page.getByRole('status').textContent()).toContain('Welcome, Pat Lead');
    expect(await page.locator('main h2').allTextContents()).toEqual([
      'Which training do you follow?',
    ]);
    expect(await headerName(page).textContent()).toBe('Pat Lead');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  test('the header menu closes with Escape, giving focus back, and with a click elsewhere', async () => {
    const page = await pat.newPage();
    await page.goto(suite.site.url + '/modules/mentor/openness/');
    await expect.poll(() => headerName(page).textContent()).toBe('Pat Lead');
    const menu = page.locator('[data-user-menu] details');
    await page.locator('[data-user-menu] summary').focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('open')).not.toBeNull();
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('open')).toBeNull();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
    await page.locator('[data-user-menu] summary').click();
    expect(await menu.getAttribute('open')).not.toBeNull();
    await page.locator('h1').click();
    expect(await menu.getAttribute('open')).toBeNull();
    await page.locator('[data-user-menu] summary').focus();
    await page.keyboard.press('Enter');
    // Through My training, My cohorts, Account, the console and Sign out, and on out of the menu.
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    expect(await menu.getAttribute('open')).toBeNull();
    await page.close();
  });

  test('the programme member invites a person from the people page, found through the header of a static page', async () => {
    const page = await pat.newPage();
    await page.goto(suite.site.url + '/modules/mentor/openness/');
    await expect.poll(() => headerName(page).textContent()).toBe('Pat Lead');
    await page.locator('[data-user-menu] summary').click();
    await page.locator('[data-user-menu]').getByRole('link', { name: 'Programme console' }).click();
    await page.waitForURL('**/programme/');
    await page
      .getByRole('navigation', { name: 'Programme console' })
      .getByRole('link', { name: 'People' })
      .click();
    await page.waitForURL('**/programme/people/');
    await page.getByLabel('Name').fill('Ben Okafor');
    await page.getByLabel('Email').fill('ben@example');
    await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
    expect(await page.locator('.field .error').textContent()).toContain('Enter an email address');
    expect(await page.getByLabel('Name').inputValue()).toBe('Ben Okafor');
    await page.getByLabel('Email').fill('ben@example.org');
    await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Invitation sent to ben@example.org',
    );
    expect(await page.getByRole('row', { name: /Ben Okafor/ }).textContent()).toContain('Invited');
    await page.goto(await lastLink(suite.site, 'ben@example.org', 'invite'));
    expect(await page.getByRole('alert').textContent()).toContain(
      'You are signed in as Pat Lead. Opening this account signs you out of that one.',
    );
    await page.goto(suite.site.url + '/programme/people/');
    const ownRow = page.getByRole('row', { name: /Pat Lead/ });
    expect(await ownRow.getByRole('link', { name: /^Disable/ }).count()).toBe(0);
    expect(
      await page
        .getByRole('row', { name: /Ben Okafor/ })
        .getByRole('link', { name: /^Disable/ })
        .count(),
    ).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 375, height: 740 });
    await page.getByLabel('Name').fill('Alexandra Featherstonehaugh');
    await page.getByLabel('Email').fill('alexandra.featherstonehaugh@communities.example.gov.uk');
    await page.getByRole('button', { name: 'Send invitation', exact: true }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('Invitation sent');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(375);
    await page.close();
  });

  test('the person accepts, signs in, changes their password and signs out from a static page', async () => {
    const page = await ben.newPage();
    await page.goto(await lastLink(suite.site, 'ben@example.org', 'invite'));
    await page.getByLabel('Your name').fill('Ben O.');
    await page.getByLabel('Choose a password').fill('password1');
    await page.getByRole('button', { name: 'Open my account' }).click();
    const choose = page.getByLabel('Choose a password');
    expect(await choose.getAttribute('aria-invalid')).toBe('true');
    expect(await choose.evaluate((input) => input === document.activeElement)).toBe(true);
    expect(await page.locator('#field-password-error').textContent()).toContain('most common');
    expect(await page.getByLabel('Your name').inputValue()).toBe('Ben O.');
    await page.getByLabel('Your name').fill('Ben Okafor');
    await choose.fill('first password here');
    const posts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST') posts.push(request.url());
    });
    await page.route('**/invite/**', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await route.continue();
    });
    await page.getByRole('button', { name: 'Open my account' }).evaluate((button: HTMLElement) => {
      button.click();
      setTimeout(() => button.click(), 150);
    });
    await page.waitForURL('**/me/?welcome=1');
    expect(posts).toHaveLength(1);
    await page.unrouteAll();
    await page.goto(suite.site.url + '/invite/');
    expect(new URL(page.url()).pathname).toBe('/me/');

    await page.goto(suite.site.url + '/account/');
    await page.getByLabel('Name', { exact: true }).fill('Benjamin Okafor');
    await page.getByRole('button', { name: 'Save name' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain('Your name is saved');
    await expect.poll(() => headerName(page).textContent()).toBe('Benjamin Okafor');
    await page.getByLabel('Name', { exact: true }).fill('Ben Okafor');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => headerName(page).textContent()).toBe('Ben Okafor');

    await page.getByLabel('Current password').fill('first password here');
    await page.getByLabel('New password').fill('second password here');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Your password is changed',
    );

    await page.goto(suite.site.url + '/modules/mentee/listening/');
    await expect.poll(() => headerName(page).textContent()).toBe('Ben Okafor');
    await page.locator('[data-user-menu] summary').click();
    await page.locator('[data-user-menu]').getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/modules/mentee/listening/');
    expect(await page.locator('[data-user-menu] [data-signed-out]').isVisible()).toBe(true);
    const account = await page.goto(suite.site.url + '/account/');
    expect(account?.url()).toContain('/login/?next=%2Faccount%2F');
    await page.close();
  });

  test('the person resets their password by email, then signs in with it and returns where they were', async () => {
    const page = await ben.newPage();
    await page.goto(suite.site.url + '/reset/');
    await page.getByLabel('Email').fill('ben@example.org');
    await page.getByRole('button', { name: 'Send the link' }).click();
    expect(await page.getByRole('status').textContent()).toContain(
      'If that address has an account',
    );

    await page.goto(await lastLink(suite.site, 'ben@example.org', 'reset'));
    await page.getByLabel('New password').fill('third password here');
    await page.getByRole('button', { name: 'Save the new password' }).click();
    await page.waitForURL('**/account/?reset=1');
    await page.locator('[data-user-menu] summary').click();
    await page.locator('[data-user-menu]').getByRole('button', { name: 'Sign out' }).click();

    await page.goto(suite.site.url + '/login/?next=/modules/mentee/openness/');
    await page.getByLabel('Email').fill('ben@example.org');
    await page.getByLabel('Password').fill('second password here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('do not match');
    expect(await page.getByLabel('Email').inputValue()).toBe('ben@example.org');
    await page.getByLabel('Password').fill('third password here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/modules/mentee/openness/');
    await expect.poll(() => headerName(page).textContent()).toBe('Ben Okafor');
    await page.close();
  });

  test('a participant gets "not found" for the people page, and no link to it', async () => {
    const page = await ben.newPage();
    await page.goto(suite.site.url + '/modules/mentee/openness/');
    await expect.poll(() => headerName(page).textContent()).toBe('Ben Okafor');
    expect(await page.locator('[data-user-menu] [data-programme]').isHidden()).toBe(true);
    const response = await page.goto(suite.site.url + '/programme/people/');
    expect(response?.status()).toBe(404);
    await page.close();
  });

  // Last, because it leaves Pat without the programme role.
  test('a programme member who removes their own role is signed out and told why', async () => {
    const page = await pat.newPage();
    await page.goto(suite.site.url + '/programme/people/');
    await page.getByRole('link', { name: 'Grant the programme role to Ben Okafor' }).click();
    await page.getByRole('button', { name: 'Give the programme role' }).click();
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Ben Okafor now has the programme role',
    );
    await page.getByRole('button', { name: 'Remove the programme role for Pat Lead' }).click();
    await page.waitForURL('**/login/?ended=role');
    expect(await page.getByRole('status').first().textContent()).toContain(
      'You removed your own programme role',
    );
    await expect
      .poll(() => page.locator('[data-user-menu] [data-signed-out]').isVisible())
      .toBe(true);
    await page.close();
  });
});
