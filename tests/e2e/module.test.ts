import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { seriousViolations, useTheme } from './axe.ts';
import { hasChromium, useSiteAndBrowser } from './site.ts';

const MODULE = '/modules/mentor/confidentiality/';
// The first question of that module, as its front matter gives it.
const RIGHT = 'That you are taking part, and have both agreed to keep the pairing private.';
const WRONG = 'Their name, and that you would rather it went no further than the two of you.';

describe.runIf(hasChromium)('a module page', () => {
  const suite = useSiteAndBrowser();
  let page: Page;

  async function open(theme: 'light' | 'dark' = 'light') {
    page = await suite.browser.newPage();
    await useTheme(page, theme);
    await page.goto(suite.site.url + MODULE);
  }

  test('shows the duration and objectives before the body, and the check and reflections after it', async () => {
    await open();
    const headings = await page.locator('.sl-markdown-content h2:visible').allTextContents();
    expect(headings[0]).toBe('By the end of this module you will be able to');
    expect(headings.slice(-3)).toEqual(['Key points', 'Knowledge check', 'Reflect']);
    expect(await page.locator('.module-overview .duration').textContent()).toMatch(/\d+ min/);
    expect(await page.getByRole('textbox').count()).toBeGreaterThanOrEqual(1);
    const contents = page.getByRole('navigation', { name: 'On this page' }).first();
    expect((await contents.getByRole('link').allInnerTexts()).slice(-3)).toEqual([
      'Key points',
      'Knowledge check',
      'Reflect',
    ]);
    expect(await contents.getByRole('link', { name: 'Knowledge check' }).getAttribute('href')).toBe(
      '#knowledge-check',
    );
    await page.close();
  });

  test('stays put when a question is answered with Enter and JavaScript is off', async () => {
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto(suite.site.url + MODULE);
    await noScript.locator('form[data-check]').first().getByLabel(WRONG).check();
    const navigations: string[] = [];
    noScript.on('request', (request) => {
      if (request.isNavigationRequest()) navigations.push(request.url());
    });
    await noScript.keyboard.press('Enter');
    // Nothing is expected to happen; give a navigation time to start if one would.
    await noScript.waitForTimeout(1000);
    expect(navigations).toEqual([]);
    expect(noScript.url()).toBe(suite.site.url + MODULE);
    await context.close();
  });

  test('a wrong answer shows the explanation, and a right one is confirmed', async () => {
    await open();
    const question = page.locator('form[data-check]').first();
    await question.getByLabel(WRONG).check();
    await question.getByRole('button', { name: 'Check answer' }).click();
    await expect
      .poll(() => question.getByRole('status').first().textContent())
      .toMatch(/^Not quite/);
    expect(await question.locator('.explanation').isVisible()).toBe(true);

    await question.getByLabel(RIGHT).check();
    await question.getByRole('button', { name: 'Check answer' }).click();
    await expect.poll(() => question.getByRole('status').first().textContent()).toBe('Correct.');
    await page.close();
  });

  test('works by keyboard alone', async () => {
    await open();
    const question = page.locator('form[data-check]').first();
    await question.locator('input[type=radio]').first().focus();
    // Arrow keys move through a radio group and select; the right option is first.
    await page.keyboard.press('ArrowDown');
    expect(await question.getByLabel(WRONG).isChecked()).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await question.getByLabel(RIGHT).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Check answer',
    );
    await page.keyboard.press('Enter');
    await expect.poll(() => question.getByRole('status').first().textContent()).toBe('Correct.');
    await page.close();
  });

  test.each([
    ['/modules/mentor/flipping-the-power/', undefined, '/modules/mentor/openness/'],
    ['/modules/mentor/closing-the-pairing/', '/modules/mentor/lived-experience/', undefined],
    ['/modules/mentee/flipping-the-power/', undefined, '/modules/mentee/openness/'],
    ['/modules/mentee/closing-the-pairing/', '/modules/mentee/allyship-and-action/', undefined],
  ])('keeps previous and next of %s inside its track', async (path, previous, next) => {
    page = await suite.browser.newPage();
    await page.goto(suite.site.url + path);
    const link = async (rel: string) => {
      const anchor = page.locator(`.pagination-links a[rel="${rel}"]`);
      return (await anchor.count())
        ? new URL((await anchor.getAttribute('href'))!, page.url()).pathname
        : undefined;
    };
    expect(await link('prev')).toBe(previous);
    expect(await link('next')).toBe(next);
    await page.close();
  });

  for (const theme of ['light', 'dark'] as const) {
    test(`axe-core finds no serious violation in the ${theme} theme, with a check answered`, async () => {
      await open(theme);
      const question = page.locator('form[data-check]').first();
      await question.getByLabel(WRONG).check();
      await question.getByRole('button', { name: 'Check answer' }).click();
      expect(await seriousViolations(page)).toEqual([]);
      await page.close();
    });
  }
});
