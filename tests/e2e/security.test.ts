/**
 * Security properties of the running server, over plain HTTP: cookies, CSRF, access checks on every
 * action, throttling, single-use links, and secrets kept out of the database and the logs.
 */
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { eq, inArray } from 'drizzle-orm';
import { sessions, users } from '../../db/schema.ts';
import { readCurriculumFiles } from '../../src/curriculum/files.ts';
import { DAY, HOUR } from '../../src/lib/session-policy.ts';
import { openDatabase, writeTransaction } from '../../src/server/db.ts';
import { everyStoredValue } from '../integration/helpers.ts';
import { lastLink, runScript } from './outbox.ts';
import { startSite, type Site } from './site.ts';

/** Every action, and whether it needs a signed-in caller ('user'), the programme role, or nobody. */
const ACTIONS = {
  'auth.login': 'public',
  'auth.acceptInvitation': 'public',
  'auth.requestReset': 'public',
  'auth.resetPassword': 'public',
  'auth.logout': 'user',
  'auth.rename': 'user',
  'auth.changePassword': 'user',
  'auth.signOutEverywhere': 'user',
  'people.invite': 'programme',
  'people.resend': 'programme',
  'people.setRole': 'programme',
  'people.setDisabled': 'programme',
  'progress.answer': 'user',
  'progress.reflect': 'user',
  'progress.complete': 'user',
  'progress.reopen': 'user',
  'progress.chooseTracks': 'user',
} as const;

const FORM_ROUTES = [
  '/logout',
  '/login/?_action=auth.login',
  '/invite/?_action=auth.acceptInvitation',
  '/reset/?_action=auth.requestReset',
  '/reset/new-password/?_action=auth.resetPassword',
  '/account/?_action=auth.rename',
  '/account/?_action=auth.changePassword',
  '/account/?_action=auth.signOutEverywhere',
  '/programme/people/?_action=people.invite',
  '/programme/people/?_action=people.setRole',
  '/programme/people/?_action=people.setDisabled',
  '/programme/people/?_action=people.resend',
  '/me/progress',
  '/me/?_action=progress.chooseTracks',
];

interface Client {
  cookie: string;
}

const openness = readCurriculumFiles().modules.get('mentor-openness')!;

function cookieFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0]!)
    .filter((pair) => !pair.endsWith('='))
    .join('; ');
}

describe('security', () => {
  let site: Site;
  let pat: Client;
  let ben: Client;
  const secrets: string[] = [];

  const post = (
    route: string,
    body: Record<string, string>,
    options: { cookie?: string; headers?: Record<string, string> } = {},
  ) =>
    fetch(site.url + route, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: site.url,
        ...(options.cookie ? { Cookie: options.cookie } : {}),
        ...options.headers,
      },
      body: new URLSearchParams(body),
    });

  const callAction = (
    name: string,
    body: Record<string, string>,
    options: { cookie?: string; headers?: Record<string, string> } = {},
  ) => post(`/_actions/${name}`, body, options);

  async function signIn(email: string, password: string): Promise<Client> {
    const response = await post('/login/?_action=auth.login', { email, password });
    expect(response.status).toBe(303);
    const cookie = cookieFrom(response);
    secrets.push(cookie.match(/flipside_session=([^;]+)/)![1]!.split('.')[1]!);
    return { cookie };
  }

  async function accept(link: string, name: string, password: string) {
    const token = link.split('/').at(-1)!;
    secrets.push(token.split('.')[1]!);
    const response = await post('/invite/?_action=auth.acceptInvitation', {
      token,
      name,
      password,
    });
    expect(response.status).toBe(303);
  }

  beforeAll(async () => {
    site = await startSite();
    const printed = runScript(site, 'user:create', [
      '--email',
      'pat@example.org',
      '--name',
      'Pat',
      '--role',
      'programme',
    ]);
    await accept(printed.match(/http\S+\/invite\/\S+/)![0], 'Pat', 'the kettle is on');
    runScript(site, 'user:create', ['--email', 'ben@example.org', '--name', 'Ben']);
    await accept(await lastLink(site, 'ben@example.org', 'invite'), 'Ben', 'tea with two sugars');
    pat = await signIn('pat@example.org', 'the kettle is on');
    ben = await signIn('ben@example.org', 'tea with two sugars');
  });
  afterAll(() => site?.stop());

  test('sets the session cookie HttpOnly, SameSite=Lax, Path=/, without Domain or Secure over plain HTTP', async () => {
    const response = await post('/login/?_action=auth.login', {
      email: 'ben@example.org',
      password: 'tea with two sugars',
    });
    const cookie = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('flipside_session='))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(cookie).not.toMatch(/Secure/);
  });

  /** What a refused request must leave as it was: Pat's account and everyone's status. */
  async function visibleState() {
    const me = await (
      await fetch(`${site.url}/me/state.json`, { headers: { Cookie: pat.cookie } })
    ).json();
    const people = await (
      await fetch(`${site.url}/programme/people/`, { headers: { Cookie: pat.cookie } })
    ).text();
    const rows = [...people.matchAll(/<tr[^>]*>(.*?)<\/tr>/gs)].map((row) =>
      row[1]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '),
    );
    return { me, rows };
  }

  test.each(FORM_ROUTES)('refuses a cross-site POST to %s and changes nothing', async (route) => {
    const before = await visibleState();
    const crossSite = await post(
      route,
      { name: 'Changed', email: 'x@example.org', password: 'whatever it is' },
      {
        cookie: pat.cookie,
        headers: { 'Sec-Fetch-Site': 'cross-site' },
      },
    );
    expect(crossSite.status).toBe(403);
    const otherOrigin = await post(
      route,
      { name: 'Changed' },
      { cookie: pat.cookie, headers: { Origin: 'https://evil.example' } },
    );
    expect(otherOrigin.status).toBe(403);
    expect(await visibleState()).toEqual(before);
    expect(before.me).toEqual({ user: { name: 'Pat', role: 'programme' }, completed: [] });
    expect(before.rows.length).toBeGreaterThan(1);
  });

  test.each(Object.keys(ACTIONS))('refuses a cross-site call to /_actions/%s', async (name) => {
    const response = await callAction(
      name,
      {},
      { cookie: pat.cookie, headers: { 'Sec-Fetch-Site': 'cross-site' } },
    );
    expect(response.status).toBe(403);
  });

  test.each(Object.entries(ACTIONS).filter(([, access]) => access !== 'public'))(
    '/_actions/%s refuses a signed-out caller, and is not found for one without the role',
    async (name, access) => {
      const body = {
        userId: crypto.randomUUID(),
        role: 'programme',
        disabled: 'true',
        name: 'X',
        email: 'x@example.org',
        current: 'a valid password',
        password: 'another valid password',
      };
      expect((await callAction(name, body)).status).toBe(401);
      if (access === 'programme')
        expect((await callAction(name, body, { cookie: ben.cookie })).status).toBe(404);
    },
  );

  test.each(Object.entries(ACTIONS).filter(([, access]) => access === 'programme'))(
    '/_actions/%s gives away nothing about its input to anyone outside the programme team',
    async (name) => {
      const bad = { userId: 'nobody', role: 'boss', disabled: 'maybe', email: 'x' };
      const refusedOutright = await callAction(name, bad);
      expect(refusedOutright.status).toBe(401);
      const nothingThere = await (await fetch(`${site.url}/no-such-page/`)).text();
      const notFound = await callAction(name, bad, { cookie: ben.cookie });
      expect(notFound.status).toBe(404);
      expect(await notFound.text()).toBe(nothingThere);
      const fromAForm = await post(`/me/?_action=${name}`, bad, { cookie: ben.cookie });
      expect(fromAForm.status).toBe(404);
      expect(await fromAForm.text()).toBe(nothingThere);
      const signedOut = await post(`/programme/people/?_action=${name}`, bad);
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toBe('/login/?next=%2Fprogramme%2Fpeople%2F');
    },
  );

  /** Names for people.invite in the ways Astro decodes, and names that resolve to no action. */
  const ACTION_NAMES = [
    'people.invite',
    '%70eople.invite',
    '%2570eople.invite',
    'people.%69nvite',
    '%2570%2565ople.%2569nvite',
    'people%2Einvite',
    'people%252Einvite',
    'people.invite/',
    'people',
    'people.',
    'auth',
    'people.invite.x',
    '%25E0.invite',
    'constructor',
    '__proto__.invite',
    'nosuch.action',
  ];
  const probe = { email: 'x', name: '', userId: 'nobody' };

  test.each(ACTION_NAMES)(
    'answers a participant calling %s exactly as for an action that does not exist',
    async (name) => {
      const missing = await callAction('nosuch.action', probe, { cookie: ben.cookie });
      const expected = { status: missing.status, body: await missing.text() };
      expect(expected.status).toBe(404);
      expect(expected.body).toBe(await (await fetch(`${site.url}/no-such-page/`)).text());
      const rpc = await callAction(name, probe, { cookie: ben.cookie });
      expect({ status: rpc.status, body: await rpc.text() }).toEqual(expected);
      const form = await post(`/me/?_action=${name}`, probe, { cookie: ben.cookie });
      expect({ status: form.status, body: await form.text() }).toEqual(expected);
    },
  );

  test.each(['%70eople.invite', '%2570eople.invite', 'people.%69nvite', 'people.invite/'])(
    'refuses %s to a signed-out caller as it refuses people.invite',
    async (name) => {
      const rpc = await callAction(name, probe);
      expect(rpc.status).toBe(401);
      expect(await rpc.text()).toBe('Sign in to do that.');
      const form = await post(`/programme/people/?_action=${name}`, probe);
      expect(form.status).toBe(303);
      expect(form.headers.get('location')).toBe('/login/?next=%2Fprogramme%2Fpeople%2F');
    },
  );

  /** A request with any method, including those fetch refuses to send (TRACE). */
  function rawRequest(
    method: string,
    route: string,
    options: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        site.url + route,
        { method, headers: { Origin: site.url, ...options.headers } },
        (incoming) => {
          let body = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk) => (body += chunk));
          incoming.on('end', () =>
            resolve({ status: incoming.statusCode!, headers: incoming.headers, body }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(options.body);
    });
  }

  const json = { 'Content-Type': 'application/json' };
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
  const text = { 'Content-Type': 'text/plain' };
  const multipart = { 'Content-Type': 'multipart/form-data; boundary=zz' };
  test.each([
    [
      'a JSON body that does not parse, to an action',
      'POST',
      '/_actions/auth.login',
      json,
      '{no',
      400,
    ],
    [
      'a JSON body that does not parse, to a form',
      'POST',
      '/login/?_action=auth.login',
      json,
      '{',
      400,
    ],
    ['a body of another type, to an action', 'POST', '/_actions/auth.login', text, 'hi', 415],
    ['a body of another type, to a form', 'POST', '/login/?_action=auth.login', text, 'hi', 415],
    ['a malformed multipart form', 'POST', '/_actions/auth.login', multipart, '--x', 400],
    [
      'a malformed multipart form, to a page',
      'POST',
      '/account/?_action=auth.rename',
      multipart,
      '--x',
      400,
    ],
    ['a POST to an action namespace', 'POST', '/_actions/people', form, 'a=b', 404],
    ['a POST to another action namespace', 'POST', '/_actions/auth', form, 'a=b', 404],
    ['PROPFIND on a static page', 'PROPFIND', '/', {}, '', 405],
    ['TRACE', 'TRACE', '/', {}, '', 405],
    ['TRACE on an on-demand page', 'TRACE', '/login/', {}, '', 405],
    ['PATCH to a page', 'PATCH', '/login/', form, 'a=b', 405],
    ['PUT to a page', 'PUT', '/me/', form, 'a=b', 405],
    ['DELETE to a page', 'DELETE', '/account/', {}, '', 405],
    ['OPTIONS', 'OPTIONS', '/login/', {}, '', 405],
    ['PATCH to an action', 'PATCH', '/_actions/auth.login', form, 'a=b', 405],
    ['GET of an action', 'GET', '/_actions/auth.login', {}, '', 405],
    ['GET of sign-out', 'GET', '/logout', {}, '', 405],
    ['POST to the health check', 'POST', '/healthz', form, 'a=b', 405],
    ['POST to a link route', 'POST', '/invite/abc.def', form, 'a=b', 405],
    ['a participant opening the people page', 'GET', '/programme/people/', {}, '', 404],
    ['an address that does not decode', 'GET', '/modules/%E0/', {}, '', 400],
    ['an action name that does not decode', 'POST', '/_actions/auth.%E0', form, 'a=b', 400],
  ] as const)(
    'answers %s with a 4xx and a sentence, and logs no error',
    async (_case, method, route, headers, body, status) => {
      const logged = site.output().length;
      const cookie: Record<string, string> =
        route === '/programme/people/' ? { Cookie: ben.cookie } : {};
      const response = await rawRequest(method, route, {
        headers: { ...headers, ...cookie },
        body,
      });
      expect(response.status).toBe(status);
      expect(response.body).toMatch(/[A-Z][^<>]*[a-z][.!]/);
      if (status === 405) expect(String(response.headers.allow)).toMatch(/^[A-Z, ]+$/);
      expect(site.output().slice(logged)).not.toMatch(/Error|\n\s+at /);
    },
  );

  test.each(['/.//evil.example', '/%2e//evil.example', '/a/..//evil.example'])(
    'keeps sign-in and sign-out on the site when next is %s',
    async (next) => {
      const signedIn = await post(`/login/?_action=auth.login&next=${encodeURIComponent(next)}`, {
        email: 'ben@example.org',
        password: 'tea with two sugars',
      });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('location')).toBe('/me/');
      const signedOut = await post('/logout', { next }, { cookie: cookieFrom(signedIn) });
      expect(signedOut.status).toBe(303);
      expect(signedOut.headers.get('location')).toBe('/');
    },
  );

  test.each([
    ['missing fields', '/login/?_action=auth.login', {}],
    ['a malformed email', '/login/?_action=auth.login', { email: 'not an email', password: 'x' }],
    [
      'an overlong password',
      '/login/?_action=auth.login',
      { email: 'ben@example.org', password: 'x'.repeat(5000) },
    ],
    [
      'a malformed person id',
      '/programme/people/?_action=people.setDisabled',
      { userId: '1 OR 1=1', disabled: 'true' },
    ],
    [
      'an unknown role',
      '/programme/people/?_action=people.setRole',
      { userId: crypto.randomUUID(), role: 'admin' },
    ],
    ['empty fields', '/login/?_action=auth.login', { email: '', password: '' }],
    ['a missing person id', '/programme/people/?_action=people.setRole', { role: 'participant' }],
    ['an overlong name', '/account/?_action=auth.rename', { name: 'x'.repeat(101) }],
    ['a name that hides its text', '/account/?_action=auth.rename', { name: '\u202Eevil' }],
    [
      'a module that does not exist',
      '/me/progress',
      { intent: 'complete', moduleId: 'no-such-module', next: '/' },
    ],
    [
      'completing a module whose check is not passed',
      '/me/progress',
      { intent: 'complete', moduleId: 'mentor-openness', next: '/' },
    ],
    ['a form of no known kind', '/me/progress', { intent: 'delete-everything', next: '/' }],
    [
      'a choice of tracks that is not one',
      '/me/?_action=progress.chooseTracks',
      { choice: 'coach' },
    ],
    ['a name with a zero-width space', '/account/?_action=auth.rename', { name: 'Pa\u200Bt' }],
    [
      'a new password of only spaces',
      '/account/?_action=auth.changePassword',
      { current: 'the kettle is on', password: ' '.repeat(12) },
    ],
  ])('answers %s with a 4xx and a sentence, never a 500', async (_case, route, body) => {
    const response = await post(route, body as Record<string, string>, { cookie: pat.cookie });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    const page = await response.text();
    expect(page).toMatch(/class="(form-message )?error\b/);
    expect(page).not.toMatch(/Failed to validate|Invalid input|expected string/);
    const me = await fetch(`${site.url}/me/state.json`, { headers: { Cookie: pat.cookie } });
    expect(await me.json()).toEqual({ user: { name: 'Pat', role: 'programme' }, completed: [] });
  });

  test.each([
    [
      'a question the module does not ask',
      'progress.answer',
      { moduleId: 'mentor-openness', checkId: 'nope', option: 'x' },
      404,
    ],
    [
      'an answer that is not an option',
      'progress.answer',
      { moduleId: 'mentor-openness', checkId: openness.checks[0]!.id, option: 'Anything' },
      400,
    ],
    [
      'a prompt that does not exist',
      'progress.reflect',
      { moduleId: 'mentor-openness', promptId: 'nope', text: 'x' },
      404,
    ],
    [
      'a reflection over 20,000 characters',
      'progress.reflect',
      {
        moduleId: 'mentor-openness',
        promptId: openness.reflections[0]!.id,
        text: 'x'.repeat(20_001),
      },
      400,
    ],
    ['a module that does not exist', 'progress.complete', { moduleId: 'no-such-module' }, 404],
  ])(
    'answers %s with a 4xx and a sentence, and keeps nothing',
    async (_case, name, body, status) => {
      const response = await callAction(name, body as Record<string, string>, {
        cookie: ben.cookie,
      });
      expect(response.status).toBe(status);
      const { message, fields } = (await response.json()) as {
        message?: string;
        fields?: Record<string, string[]>;
      };
      expect(message ?? Object.values(fields ?? {})[0]?.[0]).toMatch(/^[A-Z].*\.$/);
      const state = await fetch(`${site.url}/me/state.json?module=mentor-openness`, {
        headers: { Cookie: ben.cookie },
      });
      const { workspace } = (await state.json()) as {
        workspace: { status: string; reflections: object };
      };
      expect(workspace).toMatchObject({ status: 'not-started', reflections: {} });
    },
  );

  test('answers the 11th failed sign-in within 15 minutes with 429 and when to try again', async () => {
    for (let i = 0; i < 10; i++) {
      const response = await callAction('auth.login', {
        email: 'nobody@example.org',
        password: `guess number ${i}`,
      });
      expect(response.status).toBe(401);
    }
    const refused = await callAction('auth.login', {
      email: 'nobody@example.org',
      password: 'one more guess',
    });
    expect(refused.status).toBe(429);
    expect(JSON.stringify(await refused.json())).toMatch(/Try again in 1[45] minutes/);
  });

  test('does not spend an invitation when its link is opened, only when the password is set', async () => {
    runScript(site, 'user:create', ['--email', 'cara@example.org', '--name', 'Cara']);
    const link = await lastLink(site, 'cara@example.org', 'invite');
    for (let i = 0; i < 2; i++) {
      const opened = await fetch(link, { redirect: 'manual' });
      expect(opened.status).toBe(303);
      expect(opened.headers.get('location')).toBe('/invite/');
      expect(opened.headers.get('referrer-policy')).toBe('no-referrer');
      const form = await fetch(site.url + '/invite/', { headers: { Cookie: cookieFrom(opened) } });
      expect(form.status).toBe(200);
      expect(await form.text()).toContain('Open my account');
    }
    await accept(link, 'Cara', 'a long enough password');
    const again = await fetch(link, { redirect: 'manual' });
    const used = await fetch(site.url + '/invite/', { headers: { Cookie: cookieFrom(again) } });
    expect(used.status).toBe(410);
    expect(await used.text()).toContain('already been used');
  });

  test('ends the other sessions on their next request after signing out everywhere', async () => {
    const laptop = await signIn('ben@example.org', 'tea with two sugars');
    const phone = await signIn('ben@example.org', 'tea with two sugars');
    expect(
      (await post('/account/?_action=auth.signOutEverywhere', {}, { cookie: laptop.cookie }))
        .status,
    ).toBe(200);
    expect(
      (
        await fetch(site.url + '/account/', {
          redirect: 'manual',
          headers: { Cookie: phone.cookie },
        })
      ).status,
    ).toBe(303);
    expect(
      (
        await fetch(site.url + '/account/', {
          redirect: 'manual',
          headers: { Cookie: laptop.cookie },
        })
      ).status,
    ).toBe(200);
    ben = laptop;
  });

  test('ends a person’s sessions when their role changes or their account is disabled', async () => {
    runScript(site, 'user:create', ['--email', 'dev@example.org', '--name', 'Dev']);
    await accept(
      await lastLink(site, 'dev@example.org', 'invite'),
      'Dev',
      'a long enough password',
    );
    const people = await (
      await fetch(site.url + '/programme/people/', { headers: { Cookie: pat.cookie } })
    ).text();
    const devRow = people.split('<tr').find((row) => row.includes('dev@example.org'))!;
    const devId = devRow.match(/person=([0-9a-f-]{36})/)![1]!;

    const dev = await signIn('dev@example.org', 'a long enough password');
    await post(
      '/programme/people/?_action=people.setRole',
      { userId: devId, role: 'programme' },
      { cookie: pat.cookie },
    );
    expect(
      (await fetch(site.url + '/account/', { redirect: 'manual', headers: { Cookie: dev.cookie } }))
        .status,
    ).toBe(303);

    const again = await signIn('dev@example.org', 'a long enough password');
    await post(
      '/programme/people/?_action=people.setDisabled',
      { userId: devId, disabled: 'true' },
      { cookie: pat.cookie },
    );
    expect(
      (
        await fetch(site.url + '/account/', {
          redirect: 'manual',
          headers: { Cookie: again.cookie },
        })
      ).status,
    ).toBe(303);
    const refused = await post('/login/?_action=auth.login', {
      email: 'dev@example.org',
      password: 'a long enough password',
    });
    expect(refused.status).toBe(403);
  });

  test('renews the session cookie and the signed-in hint together, at most once an hour', async () => {
    const visit = () =>
      fetch(site.url + '/account/', { redirect: 'manual', headers: { Cookie: ben.cookie } });
    const setCookies = async () => (await visit()).headers.getSetCookie();
    expect(await setCookies()).toEqual([]);

    const db = openDatabase({ url: `file:${path.join(site.dataDir, 'flipside.db')}` });
    const benId = db.select({ id: users.id }).from(users).where(eq(users.email, 'ben@example.org'));
    await writeTransaction(db, (tx) =>
      tx
        .update(sessions)
        .set({ lastVerifiedAt: new Date(Date.now() - 2 * HOUR) })
        .where(inArray(sessions.userId, benId)),
    );
    db.$client.close();

    const renewed = await setCookies();
    const expiry = (name: string) => {
      const line = renewed.find((candidate) => candidate.startsWith(`${name}=`));
      return Date.parse(line?.match(/Expires=([^;]+)/)?.[1] ?? '');
    };
    const inAWeek = Date.now() + 7 * DAY;
    expect(Math.abs(expiry('flipside_session') - inAWeek)).toBeLessThan(60_000);
    expect(expiry('flipside_signed_in')).toBe(expiry('flipside_session'));
    expect(await setCookies()).toEqual([]);
  });

  test('keeps raw tokens and passwords out of the database and the server log', async () => {
    const db = openDatabase({ url: `file:${path.join(site.dataDir, 'flipside.db')}` });
    const stored = await everyStoredValue(db);
    db.$client.close();
    const log = site
      .output()
      .split('\n')
      .filter((line) => !line.startsWith('[outbox]'))
      .join('\n');
    expect(secrets.length).toBeGreaterThan(4);
    for (const secret of secrets) {
      expect(stored).not.toContain(secret);
      expect(log).not.toContain(secret);
    }
    for (const password of ['the kettle is on', 'tea with two sugars']) {
      expect(stored).not.toContain(password);
      expect(log).not.toContain(password);
    }
  });
});

describe('security behind a TLS proxy', () => {
  let site: Site;
  let patsBrowser = '';
  beforeAll(async () => {
    site = await startSite({ SITE_URL: 'https://flipside.test', TRUSTED_PROXY_HOPS: '1' });
  });
  afterAll(() => site?.stop());

  test('names the cookie __Host- and marks it Secure, and sends HSTS', async () => {
    runScript(site, 'user:create', ['--email', 'pat@example.org', '--name', 'Pat']);
    const token = (await lastLink(site, 'pat@example.org', 'invite')).split('/').at(-1)!;
    const response = await fetch(site.url + '/invite/?_action=auth.acceptInvitation', {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: site.url },
      body: new URLSearchParams({ token, name: 'Pat', password: 'a long enough password' }),
    });
    const cookie = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('__Host-flipside_session='));
    expect(cookie).toMatch(/; Path=\/; .*HttpOnly; Secure; SameSite=Lax/);
    expect(cookie).not.toMatch(/Domain=/i);
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=31536000/);
    const device = response.headers
      .getSetCookie()
      .find((line) => line.startsWith('__Host-flipside_device='));
    expect(device).toMatch(/; Path=\/; .*HttpOnly; Secure; SameSite=Strict/);
    patsBrowser = device!.split(';')[0]!;
  });

  test('throttles by the address the proxy saw, whatever the client puts in X-Forwarded-For, but not a browser Pat signed in with', async () => {
    const attempt = (forged: string, i: number) =>
      fetch(`${site.url}/_actions/auth.login`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: site.url,
          'X-Forwarded-For': `${forged}, 198.51.100.7`,
        },
        body: new URLSearchParams({
          email: `person${i}@example.org`,
          password: 'not the password',
        }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await attempt(`203.0.113.${i}`, i)).status);
    expect(statuses.slice(0, 30).every((status) => status === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect((await attempt('192.0.2.1', 99)).status).toBe(429);

    const signIn = (cookie?: string) =>
      fetch(`${site.url}/_actions/auth.login`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: site.url,
          'X-Forwarded-For': '198.51.100.7',
          ...(cookie ? { Cookie: cookie } : {}),
        },
        body: new URLSearchParams({ email: 'pat@example.org', password: 'a long enough password' }),
      });
    expect((await signIn()).status).toBe(429);
    expect((await signIn(patsBrowser)).status).toBe(200);
  });
});
