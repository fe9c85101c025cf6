/**
 * A wave end to end in a real browser: the programme team creates a wave, changes its schedule,
 * invites two people by CSV and posts an announcement; one of them accepts the invitation, sees the
 * cohort page with its next event, and subscribes to the calendar; a member of another wave gets a
 * 404. Every page is checked with axe-core.
 */
import { request } from 'node:http';
import ICAL from 'ical.js';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addDays } from '../../src/lib/wave-rules.ts';
import { openDatabase, type Database } from '../../src/server/db.ts';
import { closeWave } from '../../src/server/waves.ts';
import { activeUser } from '../integration/helpers.ts';
import { activeMember, programmeSender, wave } from '../integration/wave-fixtures.ts';
import { seriousViolations } from './axe.ts';
import { lastLink } from './outbox.ts';
import { hasChromium, useSiteAndBrowser } from './site.ts';

const PASSWORD = 'a long enough password';
const today = new Date().toISOString().slice(0, 10);

async function signIn(context: BrowserContext, url: string, email: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${url}/login/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((address) => !address.pathname.startsWith('/login'));
  return page;
}

async function expectAccessible(page: Page) {
  expect(await seriousViolations(page)).toEqual([]);
}

describe.runIf(hasChromium)('a wave, in a real browser', () => {
  const suite = useSiteAndBrowser();
  let db: Database;
  let sender: Awaited<ReturnType<typeof programmeSender>>;
  let team: BrowserContext;
  let ana: BrowserContext;
  let outsider: BrowserContext;

  beforeAll(async () => {
    db = openDatabase({ url: suite.site.env.DATABASE_URL! });
    sender = await programmeSender(db);
    const other = await wave(db, sender, { name: 'Other wave', slug: 'other-wave' });
    await activeMember(db, other.id, sender, 'olu@example.org', 'mentee');
    await activeUser(db, 'pat@example.org');
    team = await suite.browser.newContext();
    ana = await suite.browser.newContext();
    outsider = await suite.browser.newContext();
  });

  afterAll(() => db?.$client.close());

  test('the programme team creates a wave, changes its schedule, invites two people by CSV and posts an announcement', async () => {
    const page = await signIn(team, suite.site.url, 'pat@example.org');
    await page.goto(`${suite.site.url}/programme/`);
    await expectAccessible(page);
    await page.getByLabel('Name', { exact: true }).fill('Spring wave');
    await page.getByLabel('Starts on').fill(addDays(today, 7));
    await page.getByLabel('Ends on').fill(addDays(today, 7 + 22 * 7));
    await page.getByRole('button', { name: 'Create wave' }).click();
    await page.waitForURL('**/programme/waves/spring-wave/schedule/');
    await expect
      .poll(() => page.getByRole('status').textContent())
      .toContain('Spring wave is created, with the default schedule.');
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Change Joint launch: meeting your pair' }).click();
    await page.getByLabel(/Starts at/).fill('15:30');
    await page.getByLabel('Place or link').fill('The Atrium, Leeds');
    await page.getByRole('button', { name: 'Save event' }).click();
    await page.waitForURL('**/programme/waves/spring-wave/schedule/');
    const launch = page.getByRole('row', { name: /Joint launch: meeting your pair/ });
    expect(await launch.textContent()).toContain('15:30 to 17:00');
    expect(await launch.textContent()).toContain('The Atrium, Leeds');

    await page.goto(`${suite.site.url}/programme/waves/spring-wave/people/`);
    await page.getByRole('link', { name: 'Add people' }).click();
    await page.waitForURL('**/programme/waves/spring-wave/people/add/');
    await page
      .getByLabel('Or paste the rows')
      .fill(
        'Name,Email,Role\nAna Silva,ana@example.org,mentor\nBen Okafor,ben@example.org,mentee\n',
      );
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Preview/ }).isVisible()).toBe(true);
    expect(await page.getByRole('status').textContent()).toContain(
      'Every row is right: 2 people to add to Spring wave.',
    );
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Add 2 people to Spring wave' }).click();
    await page.waitForURL('**/programme/waves/spring-wave/people/');
    expect(await page.getByRole('status').textContent()).toContain(
      '2 people are added to Spring wave.',
    );
    expect(await page.getByRole('row', { name: /Ana Silva/ }).textContent()).toContain('Invited');
    // Reloading the confirmation adds nobody twice: the import answered with a redirect.
    await page.reload();
    expect(await page.getByRole('row', { name: /Ana Silva/ }).count()).toBe(1);
    await expectAccessible(page);

    // The roster finds people by name or email, role and status; Enter in the search shows them.
    await page.getByLabel('Status').selectOption('invited');
    await page.getByLabel('Name or email').fill('BEN@');
    await page.getByLabel('Name or email').press('Enter');
    await page.waitForURL(/search=BEN%40&role=&status=invited/);
    expect(await page.locator('.roster-summary').textContent()).toContain('1 of 2 members match.');
    expect(await page.getByRole('row', { name: /Ben Okafor/ }).count()).toBe(1);
    expect(await page.getByRole('row', { name: /Ana Silva/ }).count()).toBe(0);
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Show everyone' }).click();
    expect(await page.getByRole('row', { name: /Ana Silva/ }).count()).toBe(1);
    // A row's action brings the team back to the roster as they had it.
    const firstLink = await lastLink(suite.site, 'ana@example.org', 'invite');
    await page.goto(`${suite.site.url}/programme/waves/spring-wave/people/?status=invited`);
    await page.getByRole('button', { name: 'Resend invitation to Ana Silva' }).click();
    await page.waitForURL(/\/people\/\?status=invited#roster$/);
    expect(await page.getByRole('status').first().textContent()).toContain(
      'A new invitation is on its way to ana@example.org',
    );
    // The queue sends the new invitation after the answer; the next test needs it, not the first.
    await lastLink(suite.site, 'ana@example.org', 'invite', firstLink);

    await page.goto(`${suite.site.url}/programme/waves/spring-wave/announcements/`);
    await page.getByLabel('Title').fill('Welcome');
    await page
      .getByLabel('Announcement')
      .fill('Read the **kick-off** page. <script>window.announcementRan = true</script>');
    await page.getByRole('button', { name: 'Post' }).click();
    await page.waitForURL('**/programme/waves/spring-wave/announcements/');
    await expectAccessible(page);
  });

  test('an upload that cannot be used gets a report, whatever is wrong with it, and saves nothing', async () => {
    const page = await team.newPage();
    const people = `${suite.site.url}/programme/waves/spring-wave/people/add/`;
    const [wave] = await db.query.waves.findMany({
      where: (w, { eq }) => eq(w.slug, 'spring-wave'),
    });
    const upload = async (bytes: Buffer) => {
      const response = await page.request.post(`${people}?_action=members.preview`, {
        headers: { Origin: suite.site.url },
        multipart: {
          waveId: wave!.id,
          file: { name: 'people.csv', mimeType: 'text/csv', buffer: bytes },
        },
      });
      return { status: response.status(), html: await response.text() };
    };
    const row = (i: number) => `person${i}@example.org,Person number ${i} with a long name,mentor,`;
    const big = Buffer.from(
      `email,name,role,team\n${Array.from({ length: 90_000 }, (_, i) => row(i)).join('\n')}`.slice(
        0,
        5 * 1024 * 1024,
      ),
    );
    const tooMany = await upload(big);
    expect(tooMany.status).toBe(200);
    expect(tooMany.html).toMatch(
      /The file has [\d,]+ rows of people; at most 5,000 can be added at once/,
    );

    const latin1 = Buffer.concat([
      Buffer.from('\uFEFFemail;name;role\njose@example.org;Jos'),
      Buffer.from([0xe9]),
      Buffer.from(';mentee\n'),
    ]);
    const encoding = await upload(latin1);
    expect(encoding.status).toBe(200);
    expect(encoding.html).toContain('This row has characters that are not UTF-8 text.');

    // The server answers a body declared over its limit before reading it and closes the
    // connection, so the refusal is read from a request that sends only its headers.
    const cookie = (await team.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const tooLarge = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const sent = request(
        `${people}?_action=members.preview`,
        {
          method: 'POST',
          headers: {
            Origin: suite.site.url,
            Cookie: cookie,
            'Content-Type': 'multipart/form-data; boundary=flipside',
            'Content-Length': String(6 * 1024 * 1024),
          },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () => resolve({ status: response.statusCode!, text }));
        },
      );
      sent.on('error', reject);
      sent.flushHeaders();
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.text).toMatch(/too large/);
    const rows = await db.query.memberships.findMany({
      where: (m, { eq }) => eq(m.waveId, wave!.id),
    });
    expect(rows).toHaveLength(2);
    await page.close();
  });

  test('an invited person accepts, sees the cohort page and its next event, and subscribes to the calendar', async () => {
    const link = await lastLink(suite.site, 'ana@example.org', 'invite');
    const page = await ana.newPage();
    await page.goto(link);
    await page.getByLabel('Choose a password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Open my account' }).click();
    await page.waitForURL('**/me/**');

    await page.goto(`${suite.site.url}/cohorts/`);
    await page.getByRole('link', { name: 'Spring wave' }).click();
    await page.waitForURL('**/cohorts/spring-wave/');
    expect(await page.locator('.wave-summary').textContent()).toContain(
      'You are a reverse mentor in this wave.',
    );
    const next = page.locator('.timeline li[aria-current="step"]');
    expect(await next.locator('h3').textContent()).toBe('Kick-off workshop for reverse mentors');
    expect(await next.textContent()).toContain('Next');
    expect(await page.locator('.timeline li').count()).toBe(6);
    // The chart: each side's track, module by module; a side of one person shows no figure at all.
    const mentors = page.getByRole('table', { name: /Mentor track: modules completed/ });
    expect(await mentors.locator('tbody tr').count()).toBeGreaterThan(5);
    const figures = (await mentors.locator('tbody td').allTextContents()).map((t) => t.trim());
    expect(new Set(figures)).toEqual(new Set(['fewer than 5']));
    expect(await page.locator('svg.bars rect.done').count()).toBe(0);
    const announcement = page.locator('.announcement-body');
    expect(await announcement.textContent()).toContain(
      '<script>window.announcementRan = true</script>',
    );
    expect(await page.evaluate(() => 'announcementRan' in window)).toBe(false);
    await expectAccessible(page);

    const feed = await page.locator('#feed-link').inputValue();
    expect(feed).toMatch(/\/cohorts\/spring-wave\/calendar\.ics\?key=[a-z2-7]{32}$/);
    const response = await fetch(feed);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    const calendar = new ICAL.Component(ICAL.parse(await response.text()));
    ICAL.TimezoneService.register(calendar.getFirstSubcomponent('vtimezone')!);
    const events = calendar
      .getAllSubcomponents('vevent')
      .map((component) => new ICAL.Event(component));
    expect(events).toHaveLength(6);
    const launch = events.find((event) => event.summary === 'Joint launch: meeting your pair')!;
    expect(launch.location).toBe('The Atrium, Leeds');
    expect(launch.startDate.zone.tzid).toBe('Europe/London');
    expect(launch.startDate.toString()).toMatch(/T15:30:00$/);
    expect(launch.sequence).toBe(1);
  });

  test('a member of another wave, and someone signed out, cannot see the cohort page', async () => {
    const page = await signIn(outsider, suite.site.url, 'olu@example.org');
    const response = await page.goto(`${suite.site.url}/cohorts/spring-wave/`);
    const missing = await page.request.get(`${suite.site.url}/cohorts/no-such-wave/`);
    expect(response?.status()).toBe(404);
    expect(missing.status()).toBe(404);
    // Not yours looks exactly like not there.
    expect(await response?.text()).toBe(await missing.text());
    const signedOut = await suite.browser.newContext();
    const visitor = await signedOut.newPage();
    await visitor.goto(`${suite.site.url}/cohorts/spring-wave/`);
    expect(new URL(visitor.url()).pathname).toBe('/login/');
    await signedOut.close();
  });

  test('a closed wave takes nobody new: its add page goes back to the roster, which says why', async () => {
    const closed = await wave(db, sender, { name: 'Winter wave', slug: 'winter-wave' });
    await closeWave(db, closed.id, sender.actor);
    const page = await team.newPage();
    await page.goto(`${suite.site.url}/programme/waves/winter-wave/people/add/`);
    expect(new URL(page.url()).pathname).toBe('/programme/waves/winter-wave/people/');
    expect(await page.getByRole('status').first().textContent()).toContain(
      'Winter wave is closed: it is kept as a record, and nobody can join it any more.',
    );
    expect(await page.getByRole('link', { name: 'Add people' }).count()).toBe(0);
    await expectAccessible(page);
  });
});
