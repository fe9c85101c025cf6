import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, mailQueue, memberships, users } from '../../db/schema.ts';
import { listAuditEntries } from '../../src/server/audit.ts';
import { addMember, findMembership, withdrawMember } from '../../src/server/memberships.ts';
import { importRoster, previewRoster } from '../../src/server/roster-import.ts';
import { setDisabled } from '../../src/server/people.ts';
import { freshDatabase } from './fresh-database.ts';
import { activeUser } from './helpers.ts';
import { activeMember, NOW, programmeSender, wave } from './wave-fixtures.ts';

const rows = (count: number, offset = 0) =>
  Array.from(
    { length: count },
    (_, i) =>
      `person${i + offset}@example.org,Person ${i + offset},${['mentor', 'mentee', 'coach'][i % 3]},Team ${i % 4},,${3 + (i % 5)},Leeds`,
  ).join('\n');
const HEADER = 'email,name,role,team,line of business,grade level,location';

describe('previewing a roster', () => {
  test('adds what the database knows: already in the wave, withdrawn, disabled, existing accounts', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    await activeMember(db, created.id, sender, 'in@example.org', 'mentor');
    const gone = await activeMember(db, created.id, sender, 'gone@example.org', 'mentee');
    await withdrawMember(
      db,
      created.id,
      (await findMembership(db, created.id, gone.id))!.id,
      '',
      sender,
    );
    const off = await activeUser(db, 'off@example.org');
    await setDisabled(db, off.id, true, { actorId: sender.actor.id, clientAddress: '1' });
    await activeUser(db, 'known@example.org');

    const preview = await previewRoster(
      db,
      created,
      `email,name,role\nin@example.org,In,mentor\ngone@example.org,Gone,mentee\noff@example.org,Off,coach\nknown@example.org,Known,mentor\nnew@example.org,New,mentee\n`,
    );
    expect(preview.rows.map((row) => [row.email, row.problems])).toEqual([
      ['in@example.org', ['in@example.org is already in Wave 1 (active). Remove this row.']],
      [
        'gone@example.org',
        [
          'gone@example.org was withdrawn from Wave 1. Reinstate them from the roster instead, and remove this row.',
        ],
      ],
      [
        'off@example.org',
        [
          'The account for off@example.org is disabled. Enable it on the People page, or remove this row.',
        ],
      ],
      ['known@example.org', []],
      ['new@example.org', []],
    ]);
    expect([...preview.existingAccounts]).toEqual(['known@example.org']);
  });
});

describe('importing a roster', () => {
  test('adds 300 people in one transaction and queues 300 invitations without sending any', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const result = await importRoster(db, created.id, `${HEADER}\n${rows(300)}\n`, sender);
    expect(result).toEqual({ added: 300, invited: 300 });
    expect(await db.select().from(memberships)).toHaveLength(300);
    const mail = await db.select().from(mailQueue);
    expect(mail).toHaveLength(300);
    expect(
      mail.every((message) => message.status === 'queued' && message.kind === 'invitation'),
    ).toBe(true);
    const [person] = await db.select().from(users).where(eq(users.email, 'person7@example.org'));
    expect(person).toMatchObject({
      name: 'Person 7',
      team: 'Team 3',
      gradeLevel: 5,
      location: 'Leeds',
    });
    const { total } = await listAuditEntries(db, { waveId: created.id });
    // 300 people added and invited, the import itself, and the wave's creation.
    expect(total).toBe(300 * 2 + 2);
  });

  test('saves nothing when one row of many is wrong', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const csv = `${HEADER}\n${rows(50)}\nbroken,Broken,mentor,,,,\n`;
    await expect(importRoster(db, created.id, csv, sender)).rejects.toThrow(
      'One row has problems, so nobody was added. Row 52: "broken" is not an email address. Fix the file and preview it again.',
    );
    expect(await db.select().from(memberships)).toEqual([]);
    expect(await db.select().from(mailQueue)).toEqual([]);
    expect((await db.select().from(users)).map((user) => user.email)).toEqual(['pat@example.org']);
  });

  test('checks again at import: someone added since the preview stops the whole import', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const created = await wave(db, sender);
    const csv = `${HEADER}\n${rows(3)}\n`;
    expect(
      (await previewRoster(db, created, csv)).rows.every((row) => row.problems.length === 0),
    ).toBe(true);
    await addMember(
      db,
      created.id,
      { email: 'person1@example.org', name: 'P1', role: 'mentor' },
      sender,
    );
    await expect(importRoster(db, created.id, csv, sender)).rejects.toThrow(/already in Wave 1/);
    expect(await db.select().from(memberships)).toHaveLength(1);
    const imports = await db.select().from(auditLog).where(eq(auditLog.action, 'members-imported'));
    expect(imports).toEqual([]);
  });
});

describe('the audit log', () => {
  test('filters by wave and by person, newest first, a page at a time', async () => {
    const db = await freshDatabase();
    const sender = await programmeSender(db);
    const first = await wave(db, sender);
    const second = await wave(db, sender, { name: 'Wave 2', slug: 'wave-2' });
    const ana = await activeMember(db, first.id, sender, 'ana@example.org', 'mentor');
    await activeMember(db, second.id, sender, 'ben@example.org', 'mentor');
    await importRoster(db, first.id, `${HEADER}\n${rows(60)}\n`, sender, NOW + 1000);

    const anaEntries = await listAuditEntries(db, { personId: ana.id });
    expect(
      anaEntries.entries.map((entry) => [entry.action, entry.waveName, entry.subjectName]),
    ).toEqual([['member-added', 'Wave 1', 'ana']]);
    const secondWave = await listAuditEntries(db, { waveId: second.id });
    expect(secondWave.entries.map((entry) => entry.action)).toEqual([
      'member-added',
      'wave-created',
    ]);
    const page1 = await listAuditEntries(db, { waveId: first.id }, 1);
    const page3 = await listAuditEntries(db, { waveId: first.id }, 3);
    expect(page1.total).toBe(1 + 1 + 60 * 2 + 1);
    expect(page1.entries).toHaveLength(50);
    expect(page1.entries[0]!.action).toBe('members-imported');
    expect(page3.entries.at(-1)!.action).toBe('wave-created');
  });
});
