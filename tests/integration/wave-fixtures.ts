/** Set-up for wave tests: a programme member, a wave with the real master schedule, people in roles. */
import { readMasterScheduleFile } from '../../src/curriculum/files.ts';
import type { Database } from '../../src/server/db.ts';
import { addMember, type NewMember } from '../../src/server/memberships.ts';
import type { Sender } from '../../src/server/wave-mail.ts';
import { createWave, type WaveDetails } from '../../src/server/waves.ts';
import { activeUser, SITE } from './helpers.ts';

export const master = readMasterScheduleFile();

export const NOW = Date.UTC(2027, 2, 1, 9);

export function details(overrides: Partial<WaveDetails> = {}): WaveDetails {
  return {
    name: 'Wave 1',
    slug: 'wave-1',
    startsOn: '2027-03-01',
    endsOn: '2027-08-27',
    cadenceWeeks: 4,
    timeZone: 'Europe/London',
    ...overrides,
  };
}

/** A programme member and the sender their changes use. */
export async function programmeSender(db: Database): Promise<Sender> {
  const pat = await activeUser(db, 'pat@example.org', 'a long enough password', 'programme');
  return { actor: { id: pat.id, name: 'Pat', clientAddress: '127.0.0.1' }, siteUrl: SITE };
}

/** A wave made by the programme member. */
export async function wave(db: Database, sender: Sender, overrides: Partial<WaveDetails> = {}) {
  return (await createWave(db, details(overrides), master, sender.actor, NOW)).wave;
}

/** Adds a person with an account (active at once) in the role. */
export async function activeMember(
  db: Database,
  waveId: string,
  sender: Sender,
  email: string,
  role: NewMember['role'],
) {
  const user = await activeUser(db, email);
  await addMember(db, waveId, { email, name: user.name, role }, sender, NOW);
  return user;
}
