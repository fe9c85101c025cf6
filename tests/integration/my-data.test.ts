import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, test } from 'vitest';
import * as schema from '../../db/schema.ts';
import { postAnnouncement } from '../../src/server/announcements.ts';
import { calendarTokenOf } from '../../src/server/calendar-feeds.ts';
import { issueCertificate } from '../../src/server/certificates.ts';
import { addMember } from '../../src/server/memberships.ts';
import { createWave } from '../../src/server/waves.ts';
import { createSession } from '../../src/server/sessions.ts';
import { exportMyData, SECTION_OF_TABLE } from '../../src/server/my-data.ts';
import { requestPasswordReset } from '../../src/server/password-resets.ts';
import { inviteUser } from '../../src/server/invitations.ts';
import { signIn } from '../../src/server/sign-in.ts';
import { chooseTracks, saveReflection } from '../../src/server/progress.ts';
import { testCurriculum } from '../fixtures/curriculum.ts';
import { freshDatabase } from './fresh-database.ts';
import { activeUser, everyStoredValue, lifetimes, passModule, SITE } from './helpers.ts';
import { details } from './wave-fixtures.ts';

const curriculum = testCurriculum();

/**
 * Every table in db/schema.ts that holds a person's data: a column referring to users, one named for a
 * person's id, or one holding an email address (an account's, or a message's recipient).
 */
function tablesWithPersonalData(): string[] {
  return (Object.values(schema) as unknown[])
    .filter((value): value is SQLiteTable => is(value, SQLiteTable))
    .map((table) => getTableConfig(table))
    .filter(
      (config) =>
        config.name === 'users' ||
        config.columns.some((column) => /(^|_)(user_id|email|recipient)$/.test(column.name)) ||
        config.foreignKeys.some(
          (key) => getTableConfig(key.reference().foreignTable).name === 'users',
        ),
    )
    .map((config) => config.name)
    .sort();
}

describe('My data', () => {
  test('covers every table that holds a person’s data', () => {
    const tables = tablesWithPersonalData();
    expect(tables).toContain('reflections');
    expect(tables.filter((name) => !(name in SECTION_OF_TABLE))).toEqual([]);
  });

  test('holds the person’s rows from every one of those tables, and no secret', async () => {
    const db = await freshDatabase();
    const pat = await activeUser(db, 'pat@example.org', 'a long enough password', 'programme');
    const { user } = await inviteUser(db, SITE, {
      email: 'ana@example.org',
      name: 'Ana',
      invitedBy: { id: pat.id, name: 'Pat' },
      clientAddress: '192.0.2.1',
    });
    await activeUser(db, 'ana@example.org', 'ana’s long password');
    await signIn(db, lifetimes, {
      email: 'ana@example.org',
      password: 'ana’s long password',
      clientAddress: '192.0.2.2',
    });
    await requestPasswordReset(db, SITE, 'ana@example.org', '192.0.2.3');
    await createSession(db, { id: user.id, role: 'participant' }, lifetimes);
    await chooseTracks(db, user.id, 'mentor');
    for (const moduleId of ['mentor-a', 'mentor-b'])
      await passModule(db, curriculum, user.id, moduleId);
    await saveReflection(db, curriculum, user.id, {
      moduleId: 'mentor-a',
      promptId: 'a-r1',
      text: 'Only mine to read',
    });
    await issueCertificate(db, curriculum, user.id, 'mentor');
    const sender = { actor: { id: pat.id, name: 'Pat' }, siteUrl: SITE };
    const { wave } = await createWave(db, details(), [], sender.actor);
    await addMember(db, wave.id, { email: 'ana@example.org', name: 'Ana', role: 'mentor' }, sender);
    await calendarTokenOf(db, user.id);
    await postAnnouncement(db, wave.id, { title: 'Hello', body: 'From Ana' }, { id: user.id });

    const data = (await exportMyData(db, user.id))!;
    for (const [table, section] of Object.entries(SECTION_OF_TABLE)) {
      const value = data[section];
      expect(
        Array.isArray(value) ? value.length : Object.keys(value).length,
        table,
      ).toBeGreaterThan(0);
    }
    expect(data.account).toMatchObject({
      email: 'ana@example.org',
      passwordSet: true,
      trackChoice: 'mentor',
    });
    expect(data.reflections).toEqual([
      expect.objectContaining({ promptId: 'a-r1', text: 'Only mine to read' }),
    ]);
    expect(data.checkAnswers).toHaveLength(3);
    expect(data.certificates[0]!.verificationCode).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);

    const exported = JSON.stringify(data);
    const hashes = (
      await db.$client.execute(
        `SELECT secret_hash AS h FROM sessions UNION ALL SELECT secret_hash FROM invitations UNION ALL SELECT secret_hash FROM password_resets UNION ALL SELECT secret_hash FROM trusted_devices UNION ALL SELECT password_hash FROM users WHERE password_hash IS NOT NULL UNION ALL SELECT link FROM mail_queue WHERE link <> ''`,
      )
    ).rows.map((row) => String(row.h));
    expect(hashes.length).toBeGreaterThan(3);
    for (const hash of hashes) expect(exported).not.toContain(hash);
    const [feed] = (await db.$client.execute('SELECT token FROM calendar_feeds')).rows;
    expect(exported).not.toContain(String(feed!.token));
    expect(await everyStoredValue(db)).toContain('Only mine to read');
  });

  test('holds nothing of anyone else', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const ben = await activeUser(db, 'ben@example.org');
    await saveReflection(db, curriculum, ana.id, {
      moduleId: 'mentor-a',
      promptId: 'a-r1',
      text: 'Ana’s thoughts',
    });
    const exported = JSON.stringify(await exportMyData(db, ben.id));
    expect(exported).not.toContain('Ana’s thoughts');
    expect(exported).not.toContain('ana@example.org');
    expect(await exportMyData(db, 'no-such-person')).toBeUndefined();
  });
});
