/**
 * `npm run profile:page -- /login [/me/ ...] [--as email]`: where the server's time goes while it
 * answers a path at 50 connections for ten seconds. For each path, starts the production server
 * under `--cpu-prof` on the seeded demo database (signed in as `--as`, one of the seed's accounts,
 * when given), then prints the share of CPU time spent in each package and the functions that take
 * the most time themselves. The profiles stay on disk for Chrome's DevTools.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startSite } from './local-site.ts';
import { seedPasswords, signInCookie } from './side-by-side.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  options: { as: { type: 'string' }, seconds: { type: 'string', default: '10' } },
  allowPositionals: true,
});
if (positionals.length === 0) {
  console.error('Usage: npm run profile:page -- /path [/path ...] [--as email] [--seconds 10]');
  process.exit(2);
}

/** Serves `pathname` at 50 connections under `--cpu-prof`; returns the server's profile file. */
async function profilePath(pathname: string): Promise<string> {
  const folder = mkdtempSync(path.join(tmpdir(), 'flipside-profile-'));
  const site = await startSite({ NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${folder}` });
  const headers: Record<string, string> = { 'Accept-Encoding': 'br, gzip' };
  try {
    // The seed runs without the server's --cpu-prof.
    const passwords = seedPasswords({ ...site.env, NODE_OPTIONS: '' });
    if (values.as) {
      const password = passwords.get(values.as);
      if (!password)
        throw new Error(`${values.as} is not one of the seed's accounts with a password.`);
      headers.Cookie = await signInCookie(site.url, values.as, password);
    }
    const result = await autocannon({
      url: site.url + pathname,
      connections: 50,
      duration: Number(values.seconds),
      headers,
    });
    console.log(
      `\n${pathname}: ${Math.round(result.requests.average)} requests/s, ${result.non2xx} not 2xx`,
    );
  } finally {
    await site.stop();
  }
  // The server restarts itself once with its V8 flags (production/process-settings.ts), so the
  // folder also holds the short profile of the process before the restart.
  const [largest] = readdirSync(folder)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(folder, name))
    .sort((a, b) => statSync(b).size - statSync(a).size);
  if (!largest) throw new Error(`The server wrote no profile into ${folder}.`);
  return largest;
}

/** Prints the largest shares of self time, by package or file and by function. */
function summarise(file: string): void {
  const profile: Profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (totals: Map<string, number>, key: string, time: number) =>
    totals.set(key, (totals.get(key) ?? 0) + time);
  let total = 0;
  profile.samples.forEach((id, i) => {
    const time = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber } = nodes.get(id)!.callFrame;
    add(byPackage, packageOf(url) || functionName, time);
    add(
      byFunction,
      `${functionName || '(anonymous)'} ${path.basename(url)}:${lineNumber + 1}`,
      time,
    );
    total += time;
  });
  const top = (totals: Map<string, number>, count: number) =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, time]) => `${((time / total) * 100).toFixed(1).padStart(5)} %  ${name}`)
      .join('\n');
  console.log(`Profile: ${file} (${(total / 1e6).toFixed(1)} s sampled)`);
  console.log(`\nSelf time by package or file:\n${top(byPackage, 20)}`);
  console.log(`\nSelf time by function:\n${top(byFunction, 30)}`);
}

/** `@astrojs/starlight` or `zod` for a file in node_modules, the project path for our own files. */
function packageOf(url: string): string {
  if (!url) return '';
  const [, inPackage] = url.split(/.*node_modules\//);
  if (inPackage !== undefined) {
    const parts = inPackage.split('/');
    return parts.slice(0, parts[0]!.startsWith('@') ? 2 : 1).join('/');
  }
  return url.startsWith('file:') ? path.relative(process.cwd(), new URL(url).pathname) : url;
}

for (const pathname of positionals) summarise(await profilePath(pathname));
