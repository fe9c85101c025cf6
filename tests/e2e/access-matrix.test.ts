/**
 * The access matrix: every cohort, calendar and console route and every programme action, asked by
 * each kind of person, against the production server, with the exact status each must get. The
 * routes are read from `src/pages/` and the actions from the actions object, so a new one without a
 * row here fails the suite.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { server as actions } from '../../src/actions/index.ts';
import { isConsoleAction } from '../../src/server/access.ts';
import { postAnnouncement } from '../../src/server/announcements.ts';
import { calendarTokenOf } from '../../src/server/calendar-feeds.ts';
import { openDatabase, type Database } from '../../src/server/db.ts';
import { findMembership, withdrawMember } from '../../src/server/memberships.ts';
import { listEvents } from '../../src/server/wave-events.ts';
import { activeUser } from '../integration/helpers.ts';
import { activeMember, programmeSender, wave } from '../integration/wave-fixtures.ts';
import { startSite, type Site } from './site.ts';

const PEOPLE = ['signedOut', 'mentorA', 'menteeA', 'coachA', 'withdrawnA', 'memberB', 'programme'];
type Person = (typeof PEOPLE)[number];
type Statuses = [number, number, number, number, number, number, number];

/** Console pages: sign in first, then only the programme team. */
const CONSOLE: Statuses = [303, 404, 404, 404, 404, 404, 200];
/** A cohort page of wave A: its members and the programme team. */
const WAVE_A: Statuses = [303, 200, 200, 200, 404, 404, 200];

interface Fixture {
  db: Database;
  password: string;
  ids: Record<string, string>;
  keys: Partial<Record<Person, string>>;
}

/** Each route by its file under src/pages, with how to ask for it and the statuses it must give. */
function routes(
  f: Fixture,
): Record<string, { method?: 'POST'; url: (person: Person) => string; statuses: Statuses }[]> {
  const a = '/programme/waves/wave-a';
  return {
    '/cohorts/': [{ url: () => '/cohorts/', statuses: [303, 200, 200, 200, 200, 200, 200] }],
    '/cohorts/[wave]/': [
      { url: () => '/cohorts/wave-a/', statuses: WAVE_A },
      { url: () => '/cohorts/wave-b/', statuses: [303, 404, 404, 404, 404, 200, 200] },
      { url: () => '/cohorts/no-such-wave/', statuses: [303, 404, 404, 404, 404, 404, 404] },
    ],
    '/cohorts/[wave]/calendar.ics': [
      {
        url: (person) => `/cohorts/wave-a/calendar.ics?key=${f.keys[person] ?? ''}`,
        statuses: [404, 200, 200, 200, 404, 404, 200],
      },
      {
        url: (person) => `/cohorts/wave-b/calendar.ics?key=${f.keys[person] ?? ''}`,
        statuses: [404, 404, 404, 404, 404, 200, 200],
      },
    ],
    '/programme/': [{ url: () => '/programme/', statuses: CONSOLE }],
    '/programme/audit': [{ url: () => '/programme/audit/', statuses: CONSOLE }],
    '/programme/people': [{ url: () => '/programme/people/', statuses: CONSOLE }],
    '/programme/waves/[wave]/': [
      { url: () => `${a}/`, statuses: CONSOLE },
      {
        url: () => '/programme/waves/no-such-wave/',
        statuses: [303, 404, 404, 404, 404, 404, 404],
      },
    ],
    '/programme/waves/[wave]/close': [{ url: () => `${a}/close/`, statuses: CONSOLE }],
    '/programme/waves/[wave]/schedule/': [{ url: () => `${a}/schedule/`, statuses: CONSOLE }],
    '/programme/waves/[wave]/schedule/[event]': [
      { url: () => `${a}/schedule/${f.ids.event}/`, statuses: CONSOLE },
      // An event of wave B asked for through wave A is not there.
      {
        url: () => `${a}/schedule/${f.ids.eventB}/`,
        statuses: [303, 404, 404, 404, 404, 404, 404],
      },
    ],
    '/programme/waves/[wave]/people': [{ url: () => `${a}/people/`, statuses: CONSOLE }],
    '/programme/waves/[wave]/people/add': [{ url: () => `${a}/people/add/`, statuses: CONSOLE }],
    '/programme/waves/[wave]/members/[member]': [
      { url: () => `${a}/members/${f.ids.membership}/`, statuses: CONSOLE },
      {
        url: () => `${a}/members/${f.ids.membershipB}/`,
        statuses: [303, 404, 404, 404, 404, 404, 404],
      },
    ],
    '/programme/waves/[wave]/announcements/': [
      { url: () => `${a}/announcements/`, statuses: CONSOLE },
    ],
    '/programme/waves/[wave]/announcements/[announcement]': [
      { url: () => `${a}/announcements/${f.ids.announcement}/`, statuses: CONSOLE },
    ],
    '/programme/waves/[wave]/roster.csv': [
      {
        method: 'POST',
        url: () => `${a}/roster.csv`,
        statuses: [404, 404, 404, 404, 404, 404, 200],
      },
    ],
  };
}

/** The cohort pages' own action outside the console, pinned down too. */
const OTHER_ACTIONS: Record<string, Statuses> = {
  'calendar.renewLink': [401, 200, 200, 200, 200, 200, 200],
};

/** Every file under src/pages/cohorts and src/pages/programme, as the route it serves. */
function routeFiles(): string[] {
  const pages = path.resolve('src/pages');
  return ['cohorts', 'programme'].flatMap((folder) =>
    readdirSync(path.join(pages, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(astro|ts)$/.test(file))
      .map((file) =>
        `/${folder}/${file.split(path.sep).join('/')}`
          .replace(/\.(astro|ts)$/, '')
          .replace(/index$/, ''),
      ),
  );
}

function actionNames(): string[] {
  return Object.entries(actions).flatMap(([namespace, group]) =>
    Object.keys(group).map((name) => `${namespace}.${name}`),
  );
}

describe('the access matrix', () => {
  let site: Site;
  let fixture: Fixture;
  const cookies: Partial<Record<Person, string>> = {};

  beforeAll(async () => {
    site = await startSite();
    const db = openDatabase({ url: site.env.DATABASE_URL! });
    const sender = await programmeSender(db);
    const waveA = await wave(db, sender, { name: 'Wave A', slug: 'wave-a' });
    const waveB = await wave(db, sender, { name: 'Wave B', slug: 'wave-b' });
    const people: Record<string, { id: string; email: string }> = {
      mentorA: await activeMember(db, waveA.id, sender, 'mentor-a@example.org', 'mentor'),
      menteeA: await activeMember(db, waveA.id, sender, 'mentee-a@example.org', 'mentee'),
      coachA: await activeMember(db, waveA.id, sender, 'coach-a@example.org', 'coach'),
      withdrawnA: await activeMember(db, waveA.id, sender, 'gone-a@example.org', 'mentor'),
      memberB: await activeMember(db, waveB.id, sender, 'member-b@example.org', 'mentee'),
      programme: { id: sender.actor.id, email: 'pat@example.org' },
    };
    const withdrawn = (await findMembership(db, waveA.id, people.withdrawnA!.id))!;
    await withdrawMember(db, waveA.id, withdrawn.id, 'Moved on', sender);
    const announcement = await postAnnouncement(
      db,
      waveA.id,
      { title: 'Hello', body: 'Welcome.' },
      sender.actor,
    );
    const keys: Fixture['keys'] = {};
    for (const [person, user] of Object.entries(people))
      keys[person] = await calendarTokenOf(db, user.id);
    fixture = {
      db,
      password: 'a long enough password',
      keys,
      ids: {
        event: (await listEvents(db, waveA.id))[0]!.id,
        eventB: (await listEvents(db, waveB.id))[0]!.id,
        membership: (await findMembership(db, waveA.id, people.mentorA!.id))!.id,
        membershipB: (await findMembership(db, waveB.id, people.memberB!.id))!.id,
        announcement: announcement.id,
      },
    };
    // The stranger exists so that "signed out" is not the only outsider with an account.
    await activeUser(db, 'stranger@example.org');
    for (const [person, user] of Object.entries(people)) {
      const response = await fetch(`${site.url}/login?_action=auth.login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: user.email, password: fixture.password }),
      });
      expect(response.status).toBe(303);
      cookies[person] = response.headers
        .getSetCookie()
        .map((cookie) => cookie.split(';')[0])
        .join('; ');
    }
  });

  afterAll(async () => {
    fixture?.db.$client.close();
    await site?.stop();
  });

  const ask = (person: Person, url: string, method: 'GET' | 'POST' = 'GET', body?: BodyInit) =>
    fetch(site.url + url, {
      method,
      redirect: 'manual',
      headers: {
        Origin: site.url,
        ...(cookies[person] ? { Cookie: cookies[person] } : {}),
        ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
      },
      body,
    }).then(async (response) => {
      await response.arrayBuffer();
      return response.status;
    });

  test('has a row for every cohort, calendar and console route, and none for a route that is gone', () => {
    expect(routeFiles().sort()).toEqual(Object.keys(routes(fixture)).sort());
  });

  test('gives every person the exact status for every route', async () => {
    const answers: string[] = [];
    const expected: string[] = [];
    for (const [route, asks] of Object.entries(routes(fixture))) {
      for (const { method, url, statuses } of asks) {
        for (const [index, person] of PEOPLE.entries()) {
          const target = url(person);
          const status = await ask(
            person,
            target,
            method ?? 'GET',
            method ? 'reasons=no' : undefined,
          );
          answers.push(
            `${route} ${method ?? 'GET'} ${target.replace(/key=\w+/, 'key=…')} as ${person}: ${status}`,
          );
          expected.push(
            `${route} ${method ?? 'GET'} ${target.replace(/key=\w+/, 'key=…')} as ${person}: ${statuses[index]}`,
          );
        }
      }
    }
    expect(answers).toEqual(expected);
  });

  test('has a row for every programme action, and gives every person its exact status', async () => {
    const consoleActions = actionNames().filter(isConsoleAction);
    expect(consoleActions.length).toBeGreaterThan(15);
    for (const name of actionNames().filter((candidate) => candidate.startsWith('calendar.')))
      expect(Object.keys(OTHER_ACTIONS)).toContain(name);
    const answers: string[] = [];
    const expected: string[] = [];
    const matrix: [string, Statuses][] = [
      // To the team an empty form is a 400 with what to fix; to everyone else the action is not there.
      ...consoleActions.map((name): [string, Statuses] => [
        name,
        [401, 404, 404, 404, 404, 404, 400],
      ]),
      ...Object.entries(OTHER_ACTIONS),
    ];
    for (const [name, statuses] of matrix) {
      for (const [index, person] of PEOPLE.entries()) {
        answers.push(
          `${name} as ${person}: ${await ask(person, `/_actions/${name}`, 'POST', 'nothing=1')}`,
        );
        expected.push(`${name} as ${person}: ${statuses[index]}`);
      }
    }
    expect(answers).toEqual(expected);
  });
});
