/**
 * What the benchmarks share: load measured side by side in one run (a warm-up, then interleaved
 * rounds, medians), figures printed the same way, and the seed's accounts to sign in with.
 */
import { execFileSync } from 'node:child_process';
import autocannon from 'autocannon';

export interface Target {
  name: string;
  url: string;
  headers: Record<string, string>;
  /** Requested in turn below `url`; without them, `url` itself. */
  paths?: string[];
}

export interface Load {
  requestsPerSecond: number;
  p99: number;
  failures: number;
}

export interface Rounds {
  rounds: number;
  seconds: number;
  connections: number;
}

export const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export const formatNumber = (n: number, digits = 0) =>
  n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** One autocannon run; `failures` counts errors, timeouts and statuses other than 2xx. */
async function load(target: Target, connections: number, seconds: number): Promise<Load> {
  const result = await autocannon({
    url: target.url,
    connections,
    duration: seconds,
    headers: target.headers,
    requests: target.paths?.map((path) => ({ method: 'GET', path })),
  });
  return {
    requestsPerSecond: result.requests.average,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

/**
 * Warms every target up for a second, then loads each in turn, round after round, so that the
 * machine's changing load falls on all of them alike; prints and returns each target's medians.
 */
export async function measureSideBySide(
  targets: Target[],
  { rounds, seconds, connections }: Rounds,
): Promise<Map<string, Load>> {
  console.log(
    `Warming up, then ${rounds} interleaved rounds of ${seconds} s per row at ${connections} connections...`,
  );
  for (const target of targets) await load(target, connections, 1);
  const runs = new Map<string, Load[]>(targets.map((target) => [target.name, []]));
  for (let round = 0; round < rounds; round++)
    for (const target of targets)
      runs.get(target.name)!.push(await load(target, connections, seconds));

  const results = new Map(
    [...runs].map(([name, list]) => [
      name,
      {
        requestsPerSecond: median(list.map((run) => run.requestsPerSecond)),
        p99: median(list.map((run) => run.p99)),
        failures: list.reduce((sum, run) => sum + run.failures, 0),
      },
    ]),
  );
  console.log('\n| what | requests/s (median) | p99 (median) | failed |\n|---|---|---|---|');
  for (const [name, result] of results)
    console.log(
      `| ${name} | ${formatNumber(result.requestsPerSecond)} | ${formatNumber(result.p99)} ms | ${result.failures} |`,
    );
  return results;
}

/** Runs the demo seed with `env` and returns the passwords it printed, by email. */
export function seedPasswords(env: Record<string, string>): Map<string, string> {
  const output = execFileSync(process.execPath, ['db/seed.ts'], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return new Map(
    [...output.matchAll(/^(\S+) \(\w+\) password: (\S+)$/gm)].map(([, email, password]) => [
      email!,
      password!,
    ]),
  );
}

/** Signs in through the form as a browser would; returns the cookies it sets as a `Cookie` header. */
export async function signInCookie(
  siteUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<string> {
  const response = await fetch(`${siteUrl}/login?_action=auth.login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      Origin: siteUrl,
      'Content-Type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: new URLSearchParams({ email, password }),
  });
  const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]);
  if (response.status !== 303 || cookies.length === 0)
    throw new Error(`Signing in as ${email} answered ${response.status}.`);
  return cookies.join('; ');
}
