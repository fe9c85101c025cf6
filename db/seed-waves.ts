/**
 * The demo programme for `npm run db:seed`: a closed pilot of 12 who all finished their training, an
 * active wave of about 30 with coaches, its schedule laid out so the next event is a fortnight away,
 * announcements, a withdrawal and training progress that varies from person to person, and a planned
 * next wave. Waves are made and closed by the same server functions the console calls; members and
 * their progress are inserted directly, so the seed queues no email to demo addresses. A wave whose
 * slug exists already is left as it is.
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import { memberships, moduleProgress, users } from './schema.ts';
import { readMasterScheduleFile } from '../src/curriculum/files.ts';
import type { Curriculum } from '../src/lib/curriculum.ts';
import type { TrackId, WaveRole } from '../src/lib/roles.ts';
import { addDays, type MembershipStatus } from '../src/lib/wave-rules.ts';
import { postAnnouncement } from '../src/server/announcements.ts';
import { writeTransaction, type Database } from '../src/server/db.ts';
import { hashNewPassword } from '../src/server/passwords.ts';
import {
  closeWave,
  createWave,
  findWaveBySlug,
  updateWave,
  type Wave,
} from '../src/server/waves.ts';

const DAY = 24 * 60 * 60 * 1000;

const FIRST_NAMES = [
  'Aisha',
  'Ben',
  'Chloe',
  'Dev',
  'Elif',
  'Femi',
  'Grace',
  'Hamza',
  'Iris',
  'Jonas',
  'Kemi',
  'Liam',
  'Mei',
  'Nikhil',
  'Olu',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Yusuf',
  'Zara',
  'Arjun',
  'Bea',
  'Callum',
  'Dana',
  'Emeka',
  'Farah',
  'Gus',
  'Hana',
  'Ivan',
  'Jade',
  'Kofi',
];
const SURNAMES = [
  'Adeyemi',
  'Brown',
  'Chen',
  'Dias',
  'Evans',
  'Fischer',
  'Gupta',
  'Hughes',
  'Ibrahim',
  'Jones',
  'Khan',
  'Lewis',
  'Mensah',
  'Nowak',
  "O'Neill",
  'Patel',
  'Quayle',
  'Rossi',
  'Singh',
  'Taylor',
];
const TEAMS = ['Data', 'Retail banking', 'People', 'Technology', 'Finance', 'Operations'];
const LOCATIONS = ['Leeds', 'London', 'Manchester', 'Glasgow', 'Cardiff'];

/** Today's date, and the Monday `weeks` weeks from this week's Monday, as calendar days. */
function mondayWeeksFrom(now: number, weeks: number): string {
  const today = new Date(now);
  const sinceMonday = (today.getUTCDay() + 6) % 7;
  return addDays(today.toISOString().slice(0, 10), weeks * 7 - sinceMonday);
}

interface SeedMember {
  userId: string;
  role: WaveRole;
  status: MembershipStatus;
  withdrawalReason?: string;
}

/** Demo people with the profile fields the matching later needs; `active` ones get an unusable password. */
async function demoPeople(
  db: Database,
  prefix: string,
  count: number,
  passwordHash: string,
  now: number,
): Promise<string[]> {
  const ids: string[] = [];
  await writeTransaction(db, async (tx) => {
    for (let i = 0; i < count; i++) {
      const first = FIRST_NAMES[(i * 7 + prefix.length) % FIRST_NAMES.length]!;
      const last = SURNAMES[(i * 3 + prefix.length) % SURNAMES.length]!;
      const email = `${prefix}-${i + 1}@example.org`;
      const [existing] = await tx.select().from(users).where(eq(users.email, email));
      if (existing) {
        ids.push(existing.id);
        continue;
      }
      const id = crypto.randomUUID();
      await tx.insert(users).values({
        id,
        email,
        name: `${first} ${last}`,
        passwordHash,
        team: TEAMS[i % TEAMS.length]!,
        location: LOCATIONS[i % LOCATIONS.length]!,
        gradeLevel: 3 + (i % 8),
        createdAt: new Date(now),
      });
      ids.push(id);
    }
  });
  return ids;
}

/**
 * Marks the first `done` modules of the person's track complete, a day apart up to `until`, and
 * the next one started.
 */
async function seedTraining(
  db: Database,
  curriculum: Curriculum,
  userId: string,
  track: TrackId,
  done: number,
  until: number,
) {
  const modules = curriculum.tracks.find((candidate) => candidate.id === track)!.modules;
  await writeTransaction(db, async (tx) => {
    for (const [index, entry] of modules.slice(0, done + 1).entries()) {
      const day = new Date(until - (done - index) * DAY);
      await tx
        .insert(moduleProgress)
        .values({
          userId,
          moduleId: entry.moduleId,
          startedAt: day,
          completedAt: index < done ? day : null,
        })
        .onConflictDoNothing();
    }
  });
}

async function addSeedMembers(db: Database, wave: Wave, members: SeedMember[], now: number) {
  await writeTransaction(db, async (tx) => {
    for (const member of members) {
      await tx.insert(memberships).values({
        id: crypto.randomUUID(),
        waveId: wave.id,
        userId: member.userId,
        role: member.role,
        status: member.status,
        addedAt: new Date(now),
        withdrawnAt: member.status === 'withdrawn' ? new Date(now) : null,
        withdrawalReason: member.withdrawalReason ?? null,
      });
    }
  });
}

export interface SeedAccounts {
  programme: { id: string; name: string };
  mentor: { id: string };
  mentee: { id: string };
  coach: { id: string };
  pilotAlumnus: { id: string };
}

/** The demo waves; returns a line per wave made, to print. */
export async function seedWaves(
  db: Database,
  curriculum: Curriculum,
  accounts: SeedAccounts,
  now = Date.now(),
): Promise<string[]> {
  const master = readMasterScheduleFile();
  const actor = { id: accounts.programme.id, clientAddress: 'seed' };
  const made: string[] = [];
  // Demo members cannot sign in: their password is random and never printed.
  const unusable = await hashNewPassword(
    encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20))),
  );

  if (!(await findWaveBySlug(db, 'pilot'))) {
    const startsOn = mondayWeeksFrom(now, -52);
    const { wave } = await createWave(
      db,
      {
        name: 'Pilot',
        slug: 'pilot',
        startsOn,
        endsOn: addDays(startsOn, 22 * 7),
        cadenceWeeks: 4,
        timeZone: 'Europe/London',
      },
      master,
      actor,
      now - 60 * 7 * DAY,
    );
    const people = await demoPeople(db, 'pilot', 11, unusable, now);
    const members: SeedMember[] = [
      { userId: accounts.pilotAlumnus.id, role: 'mentor', status: 'active' },
      ...people.map((userId, i): SeedMember => ({
        userId,
        role: i < 4 ? 'mentor' : i < 9 ? 'mentee' : 'coach',
        status: i === 3 ? 'withdrawn' : 'active',
        ...(i === 3 ? { withdrawalReason: 'Left the organisation' } : {}),
      })),
    ];
    await addSeedMembers(db, wave, members, now - 60 * 7 * DAY);
    for (const member of members)
      if (member.role !== 'coach' && member.userId !== accounts.pilotAlumnus.id)
        await seedTraining(db, curriculum, member.userId, member.role, 9, now - 40 * 7 * DAY);
    await postAnnouncement(
      db,
      wave.id,
      {
        title: 'Thank you, pilot cohort',
        body: 'The pilot is over. Thank you for the candour and the time you gave it.\n\nWhat you told us at the closing session is shaping **wave 1**: more time for pairs at the launch, and a knowledge session on allyship.',
      },
      actor,
      now - 30 * 7 * DAY,
    );
    await closeWave(db, wave.id, actor, now - 29 * 7 * DAY);
    made.push('Pilot: closed, 12 members (one withdrew), its record read-only.');
  }

  if (!(await findWaveBySlug(db, 'wave-1'))) {
    // Six weeks in: the kick-offs and the launch are over, the allyship session is a fortnight away.
    const startsOn = mondayWeeksFrom(now, -6);
    const details = {
      name: 'Wave 1',
      slug: 'wave-1',
      startsOn,
      endsOn: addDays(startsOn, 22 * 7),
      cadenceWeeks: 4,
      timeZone: 'Europe/London',
    };
    const { wave } = await createWave(db, details, master, actor, now - 10 * 7 * DAY);
    await updateWave(db, wave.id, { ...details, phase: 'active' }, actor, now - 6 * 7 * DAY);
    const people = await demoPeople(db, 'wave1', 27, unusable, now);
    const members: SeedMember[] = [
      { userId: accounts.mentor.id, role: 'mentor', status: 'active' },
      { userId: accounts.mentee.id, role: 'mentee', status: 'active' },
      { userId: accounts.coach.id, role: 'coach', status: 'active' },
      ...people.map((userId, i): SeedMember => {
        const role: WaveRole = i < 12 ? 'mentor' : i < 24 ? 'mentee' : 'coach';
        if (i === 5)
          return { userId, role, status: 'withdrawn', withdrawalReason: 'Workload in their team' };
        return { userId, role, status: i === 11 || i === 23 ? 'invited' : 'active' };
      }),
    ];
    await addSeedMembers(db, wave, members, now - 8 * 7 * DAY);
    // Progress that varies: from none to the whole track, the demo mentor and mentee left to the seed.
    for (const [i, member] of members.slice(3).entries())
      if (member.role !== 'coach' && member.status === 'active')
        await seedTraining(
          db,
          curriculum,
          member.userId,
          member.role,
          (i * 5) % 10,
          now - (i % 6) * DAY,
        );
    await db
      .update(users)
      .set({ passwordHash: null })
      .where(eq(users.email, 'wave1-12@example.org'));
    await db
      .update(users)
      .set({ passwordHash: null })
      .where(eq(users.email, 'wave1-24@example.org'));
    await postAnnouncement(
      db,
      wave.id,
      {
        title: 'Welcome to wave 1',
        body: 'Welcome, all thirty of you. Your **kick-off workshops** are in the first week; the [schedule](#schedule) has the rooms.\n\nBefore the kick-off, work through the first two modules of your track.',
      },
      actor,
      now - 7 * 7 * DAY,
    );
    await postAnnouncement(
      db,
      wave.id,
      {
        title: 'Book your meetings before the allyship session',
        body: 'Pairs meet every four weeks. If your second meeting is not in the diary yet, ask the mentee’s office to book it this week, so you have something of your own to bring to the [allyship session](/knowledge-sessions/inclusion-and-allyship/).',
      },
      actor,
      now - 3 * DAY,
    );
    made.push(
      'Wave 1: active, 30 people (13 mentors, 13 mentees, 4 coaches; one withdrawn, two yet to accept), with its schedule, two announcements and training progress from none to complete.',
    );
  }

  if (!(await findWaveBySlug(db, 'wave-2'))) {
    const startsOn = mondayWeeksFrom(now, 20);
    await createWave(
      db,
      {
        name: 'Wave 2',
        slug: 'wave-2',
        startsOn,
        endsOn: addDays(startsOn, 22 * 7),
        cadenceWeeks: 4,
        timeZone: 'Europe/London',
      },
      master,
      actor,
      now,
    );
    made.push('Wave 2: planned, with the default schedule and nobody in it yet.');
  }
  return made;
}
