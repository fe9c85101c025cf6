/**
 * Saved progress in a real browser: the whole journey of a person finishing the mentor track (answers,
 * reflections, completion, sidebar marks, My training, the certificate, verification and My data),
 * what a second person can reach of it (nothing), and what a module page costs signed out and in.
 */
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import type { BrowserContext, Page, Request } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { users } from '../../db/schema.ts';
import { readCurriculumFiles } from '../../src/curriculum/files.ts';
import { openDatabase, writeTransaction } from '../../src/server/db.ts';
import { hashNewPassword } from '../../src/server/passwords.ts';
import { chooseTracks } from '../../src/server/progress.ts';
import { passModule } from '../integration/helpers.ts';
import { findOrCreateUser } from '../../src/server/users.ts';
import { seriousViolations, useTheme } from './axe.ts';
import { hasChromium, useSiteAndBrowser } from './site.ts';

const curriculum = readCurriculumFiles();
const MODULE_ID = 'mentor-confidentiality';
const MODULE = `/${curriculum.modules.get(MODULE_ID)!.slug}/`;
const CHECKS = curriculum.modules.get(MODULE_ID)!.checks;
const FIRST = CHECKS[0]!;
const WRONG = FIRST.options.find((option) => option !== FIRST.answer)!;
const PASSWORD = 'a long enough password';
// Saves wait for a pause in typing, and a page reload for a redirect: give them time.
const SLOW = { timeout: 10_000 };
const ANA_WRITES = 'Ana’s private thought: the canteen story is hard to keep to myself.';

describe.runIf(hasChromium)('saved progress, in a real browser', () => {
  const suite = useSiteAndBrowser();
  let ana: BrowserContext;
  let anaId: string;

  /** An account with a password; with `leaveOut`, following the mentor track and done but for that module. */
  async function person(email: string, name: string, leaveOut?: string): Promise<string> {
    const db = openDatabase({ url: suite.site.env.DATABASE_URL! });
    const { user } = await findOrCreateUser(db, { email, name });
    const passwordHash = await hashNewPassword(PASSWORD);
    await writeTransaction(db, (tx) =>
      tx.update(users).set({ passwordHash }).where(eq(users.id, user.id)),
    );
    const mentor = curriculum.tracks.find((track) => track.id === 'mentor')!;
    if (leaveOut) await chooseTracks(db, user.id, 'mentor');
    for (const { moduleId } of leaveOut ? mentor.modules : []) {
      if (moduleId === leaveOut) continue;
      await passModule(db, curriculum, user.id, moduleId);
    }
    db.$client.close();
    return user.id;
  }

  async function signIn(context: BrowserContext, email: string): Promise<void> {
    const page = await context.newPage();
    await page.goto(suite.site.url + '/login/');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/me/');
    await page.close();
  }

  const panel = (page: Page) => page.locator('#module-progress');
  const question = (page: Page, index: number) => page.locator('form[data-check]').nth(index);
  const firstReflection = (page: Page) => page.locator('.reflections textarea').first();
  const reflectionState = (page: Page) => page.locator('.reflections [data-save-state]').first();

  async function openModule(context: BrowserContext, theme: 'light' | 'dark' = 'light') {
    const page = await context.newPage();
    await useTheme(page, theme);
    await page.goto(suite.site.url + MODULE);
    await panel(page).waitFor({ state: 'visible' });
    return page;
  }

  async function answer(page: Page, index: number, option: string) {
    const form = question(page, index);
    await form.getByLabel(option, { exact: true }).check();
    await form.getByRole('button', { name: 'Check answer' }).click();
    await expect
      .poll(() => form.locator('[data-saved]').textContent())
      .toBe('Your answer is saved.');
  }

  /** The requests a page view makes to anything but a static file, by URL. */
  function recordDynamicRequests(page: Page): { urls: string[]; all: Request[] } {
    const seen = { urls: [] as string[], all: [] as Request[] };
    page.on('requestfinished', (request) => {
      seen.all.push(request);
      void request.response().then((response) => {
        if (response?.headers()['cache-control']?.includes('no-store'))
          seen.urls.push(request.url());
      });
    });
    return seen;
  }

  beforeAll(async () => {
    anaId = await person('ana@example.org', 'Ana Achebe', MODULE_ID);
    await person('ben@example.org', 'Ben Okafor');
    ana = await suite.browser.newContext({ acceptDownloads: true });
    await signIn(ana, 'ana@example.org');
  });

  test('a signed-out module page view makes no request beyond static files, and offers to sign in', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const seen = recordDynamicRequests(page);
    await page.goto(suite.site.url + MODULE, { waitUntil: 'networkidle' });
    console.log(`a signed-out module page view made ${seen.all.length} requests, all static`);
    expect(seen.all.length).toBeGreaterThan(1);
    expect(seen.urls).toEqual([]);
    expect(
      seen.all.map((r) => r.url()).filter((url) => /\/me\/|_actions|_server-islands/.test(url)),
    ).toEqual([]);
    expect(
      await page.getByRole('link', { name: 'Sign in to save your progress' }).getAttribute('href'),
    ).toBe(`/login/?next=${encodeURIComponent(MODULE)}`);
    expect(await panel(page).isHidden()).toBe(true);
    await context.close();
  });

  test('a signed-in module page view makes exactly one personal request', async () => {
    const page = await ana.newPage();
    const seen = recordDynamicRequests(page);
    await page.goto(suite.site.url + MODULE, { waitUntil: 'networkidle' });
    await expect
      .poll(() => seen.urls)
      .toEqual([`${suite.site.url}/me/state.json?module=${MODULE_ID}`]);
    expect(await page.locator('[data-user-menu] [data-name]').textContent()).toBe('Ana Achebe');
    expect(await page.getByText('Sign in to save your progress').isHidden()).toBe(true);
    await page.close();
  });

  test('answers are saved wrong, then right, and graded by the server', async () => {
    const page = await openModule(ana);
    expect(await panel(page).locator('[data-status]').textContent()).toBe('not started');
    await answer(page, 0, WRONG);
    expect(await question(page, 0).locator('.result').textContent()).toMatch(/^Not quite/);
    expect(await question(page, 0).locator('.explanation').isVisible()).toBe(true);
    expect(await panel(page).locator('[data-status]').textContent()).toBe('in progress');
    await answer(page, 0, FIRST.answer);
    expect(await question(page, 0).locator('.result').textContent()).toBe('Correct.');
    expect(await panel(page).locator('[data-needed]').textContent()).toMatch(/\(1 of 4 so far\)/);
    expect(await panel(page).getByRole('button', { name: 'Mark as complete' }).isHidden()).toBe(
      true,
    );
    await page.close();
  });

  test('a reflection is saved when the person pauses, and is there after a reload with the answers', async () => {
    const page = await openModule(ana);
    await firstReflection(page).fill(ANA_WRITES);
    await expect.poll(() => reflectionState(page).textContent(), SLOW).toBe('Saved');
    await page.reload();
    await panel(page).waitFor({ state: 'visible' });
    await expect.poll(() => firstReflection(page).inputValue(), SLOW).toBe(ANA_WRITES);
    expect(await question(page, 0).getByLabel(FIRST.answer, { exact: true }).isChecked()).toBe(
      true,
    );
    expect(await question(page, 0).locator('.result').textContent()).toBe(
      'Your saved answer is right.',
    );
    expect(await question(page, 0).locator('.explanation').isVisible()).toBe(true);
    await page.close();
  });

  test('a failed save keeps the text, says so, and saves on Try again', async () => {
    const page = await openModule(ana);
    const box = firstReflection(page);
    await page.route(/\/_actions\/progress\.reflect/, (route) => route.abort());
    await box.fill(`${ANA_WRITES} And more.`);
    await box.blur();
    await expect
      .poll(() => reflectionState(page).textContent())
      .toMatch(/^Not saved: check your connection/);
    expect(await box.inputValue()).toBe(`${ANA_WRITES} And more.`);
    await page.unroute(/\/_actions\/progress\.reflect/);
    await page.getByRole('button', { name: 'Try again' }).first().click();
    await expect.poll(() => reflectionState(page).textContent(), SLOW).toBe('Saved');
    await box.fill(ANA_WRITES);
    await expect.poll(() => reflectionState(page).textContent(), SLOW).toBe('Saved');
    await page.close();
  });

  test('a reflection over 20,000 characters is refused with a sentence, and the text stays', async () => {
    const page = await openModule(ana);
    const box = firstReflection(page);
    const long = 'x'.repeat(20_001);
    await box.fill(long);
    await box.blur();
    await expect
      .poll(() => reflectionState(page).textContent())
      .toBe(
        'Not saved: a reflection can be at most 20,000 characters. Shorten it, then save again.',
      );
    expect((await box.inputValue()).length).toBe(20_001);
    await box.fill(ANA_WRITES);
    await expect.poll(() => reflectionState(page).textContent(), SLOW).toBe('Saved');
    await page.close();
  });

  test('Mark as complete appears once the check is passed; completing marks the sidebar and moves the bar on My training', async () => {
    const me = await ana.newPage();
    await me.goto(suite.site.url + '/me/');
    const bar = me.getByRole('progressbar', { name: 'Mentor track progress' });
    expect(await bar.getAttribute('value')).toBe('7');
    expect(await bar.getAttribute('max')).toBe('8');

    const page = await openModule(ana);
    for (const [index, check] of CHECKS.entries())
      if (index > 0) await answer(page, index, check.answer);
    const complete = panel(page).getByRole('button', { name: 'Mark as complete' });
    await complete.waitFor({ state: 'visible' });
    await complete.click();
    await page.waitForURL(`**${MODULE}#module-progress`);
    await expect
      .poll(() => panel(page).locator('[data-confirmation]').textContent())
      .toBe('Marked as complete.');
    expect(await panel(page).locator('[data-status]').textContent()).toBe('complete');
    const link = page.locator(`.sidebar-content a[href="${MODULE}"]`);
    await expect.poll(() => link.getAttribute('data-completed'), SLOW).toBe('');
    expect(await link.textContent()).toContain('(completed)');

    await me.reload();
    expect(await bar.getAttribute('value')).toBe('8');
    expect(await me.getByRole('link', { name: 'Your certificate' }).isVisible()).toBe(true);
    await me.close();
    await page.close();
  });

  test('a completed module can be marked not complete, and complete again', async () => {
    const page = await openModule(ana);
    await panel(page).getByRole('button', { name: 'Mark as not complete' }).click();
    await expect
      .poll(() => panel(page).locator('[data-confirmation]').textContent())
      .toBe('Marked as not complete.');
    expect(await panel(page).locator('[data-status]').textContent()).toBe('in progress');
    expect(await firstReflection(page).inputValue()).toBe(ANA_WRITES);
    await panel(page).getByRole('button', { name: 'Mark as complete' }).click();
    await expect
      .poll(() => panel(page).locator('[data-status]').textContent(), SLOW)
      .toBe('complete');
    await page.close();
  });

  test('the certificate prints on one A4 page and is confirmed to anyone signed out: name, track and date only', async () => {
    const page = await ana.newPage();
    await page.goto(suite.site.url + '/me/certificates/mentor/');
    const certificate = page.getByRole('article', { name: 'Certificate' });
    expect(await certificate.textContent()).toContain('Ana Achebe');
    expect(await certificate.textContent()).toContain('Mentor track');
    const verifyAt = (await certificate.getByRole('link').getAttribute('href'))!;
    expect(verifyAt).toMatch(/\/certificates\/[A-Z2-7]{4}(-[A-Z2-7]{4}){3}\/$/);

    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('h1').isHidden()).toBe(true);
    expect(await page.locator('.page > header').isHidden()).toBe(true);
    const pdf = Buffer.from(await page.pdf({ format: 'A4', printBackground: true })).toString(
      'latin1',
    );
    expect(pdf.match(/\/Type\s*\/Page\b/g)).toHaveLength(1);
    await page.close();

    const stranger = await suite.browser.newContext();
    const check = await stranger.newPage();
    const response = await check.goto(verifyAt);
    expect(response?.status()).toBe(200);
    expect(await check.locator('h1').textContent()).toBe('Certificate confirmed');
    const shown = (await check.locator('main').textContent())!;
    expect(await check.locator('dl dd').allInnerTexts()).toEqual([
      'Ana Achebe',
      'Mentor track',
      expect.stringMatching(/^\d{1,2} \w+ \d{4}$/),
    ]);
    expect(shown).not.toContain('ana@example.org');
    expect(shown).not.toContain(ANA_WRITES);
    const unknown = await check.goto(suite.site.url + '/certificates/AAAA-AAAA-AAAA-AAAA/');
    expect(unknown?.status()).toBe(404);
    expect(await check.locator('main').textContent()).toContain('No certificate has that code');
    await stranger.close();
  });

  test('My data downloads everything Flipside keeps about the person', async () => {
    const page = await ana.newPage();
    await page.goto(suite.site.url + '/me/');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download my data' }).click(),
    ]);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.account).toMatchObject({ email: 'ana@example.org', name: 'Ana Achebe' });
    expect(data.reflections).toEqual([expect.objectContaining({ text: ANA_WRITES })]);
    expect(data.checkAnswers.length).toBeGreaterThan(CHECKS.length);
    expect(data.certificates).toHaveLength(1);
    await page.close();
  });

  test('My reflections lists what the person wrote, linked to its module', async () => {
    const page = await ana.newPage();
    await page.goto(suite.site.url + '/me/reflections/');
    expect(await page.locator('main').textContent()).toContain(ANA_WRITES);
    expect(
      await page
        .getByRole('link', { name: curriculum.modules.get(MODULE_ID)!.title })
        .getAttribute('href'),
    ).toBe(`${MODULE}#reflections`);
    await page.close();
  });

  test('a second person sees none of the first person’s reflections or answers, by any URL or action', async () => {
    const ben = await suite.browser.newContext({ acceptDownloads: true });
    await signIn(ben, 'ben@example.org');
    const me = await ben.newPage();
    await me.goto(suite.site.url + '/me/');
    expect(
      await me.getByRole('heading', { name: 'Which training do you follow?' }).isVisible(),
    ).toBe(true);
    expect(await seriousViolations(me)).toEqual([]);
    await me.close();
    const page = await openModule(ben);
    expect(await panel(page).locator('[data-status]').textContent()).toBe('not started');
    expect(await page.locator('form[data-check] input:checked').count()).toBe(0);
    expect(await firstReflection(page).inputValue()).toBe('');

    const urls = [
      `/me/state.json?module=${MODULE_ID}`,
      `/me/state.json?module=${MODULE_ID}&user=${anaId}`,
      `/me/?user=${anaId}`,
      '/me/reflections/',
      `/me/reflections/?user=${anaId}`,
      '/me/data.json',
      `/me/data.json?user=${anaId}`,
      '/me/certificates/mentor/',
    ];
    for (const url of urls) {
      const response = await page.request.get(suite.site.url + url);
      const body = await response.text();
      expect(body, url).not.toContain(ANA_WRITES);
      expect(body, url).not.toContain('ana@example.org');
      expect(body, url).not.toContain(anaId);
    }
    const state = await (
      await page.request.get(`${suite.site.url}/me/state.json?module=${MODULE_ID}`)
    ).json();
    expect(state.workspace.answers).toEqual({});
    expect(state.workspace.reflections).toEqual({});
    expect(state.completed).toEqual([]);
    expect((await page.request.get(suite.site.url + '/me/certificates/mentor/')).status()).toBe(
      404,
    );

    // An action names no person: whatever Ben sends changes his own reflection, never Ana's.
    const reflect = await page.request.post(`${suite.site.url}/_actions/progress.reflect`, {
      headers: { Origin: suite.site.url },
      form: {
        moduleId: MODULE_ID,
        promptId: curriculum.modules.get(MODULE_ID)!.reflections[0]!.id,
        text: 'Ben writes here',
        userId: anaId,
      },
    });
    expect(reflect.status()).toBe(200);
    const anaPage = await openModule(ana);
    await expect.poll(() => firstReflection(anaPage).inputValue(), SLOW).toBe(ANA_WRITES);
    await anaPage.close();
    await ben.close();
  });

  test('axe finds nothing serious in the workspace or the pages of My training, in both themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      const page = await openModule(ana, theme);
      await expect.poll(() => firstReflection(page).inputValue(), SLOW).toBe(ANA_WRITES);
      expect(await seriousViolations(page), `module page, ${theme}`).toEqual([]);
      for (const path of ['/me/', '/me/reflections/', '/me/certificates/mentor/']) {
        await page.goto(suite.site.url + path);
        expect(await seriousViolations(page), `${path}, ${theme}`).toEqual([]);
      }
      await page.close();
    }
  });

  test('My training works without JavaScript: a new person chooses both tracks', async () => {
    await person('cleo@example.org', 'Cleo Diaz');
    const context = await suite.browser.newContext({ javaScriptEnabled: false });
    await signIn(context, 'cleo@example.org');
    const page = await context.newPage();
    await page.goto(suite.site.url + '/me/');
    expect(
      await page.getByRole('heading', { name: 'Which training do you follow?' }).isVisible(),
    ).toBe(true);
    await page.getByLabel('Both tracks').check();
    await page.getByRole('button', { name: 'Save my choice' }).click();
    await page.waitForLoadState();
    expect(await page.getByRole('status').first().textContent()).toContain('Your choice is saved.');
    expect(await page.locator('main h2').allTextContents()).toEqual(
      expect.arrayContaining(['Mentor track', 'Mentee track']),
    );
    await context.close();
  });
});
