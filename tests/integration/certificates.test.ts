import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { certificates, rateLimits } from '../../db/schema.ts';
import {
  findCertificate,
  issueCertificate,
  verifyCertificate,
} from '../../src/server/certificates.ts';
import type { Database } from '../../src/server/db.ts';
import { UserFacingError } from '../../src/server/errors.ts';
import { reopenModule } from '../../src/server/progress.ts';
import { ADDRESS_RULE } from '../../src/server/throttle.ts';
import { renameUser } from '../../src/server/users.ts';
import { formatCode } from '../../src/lib/verification-code.ts';
import { testCurriculum } from '../fixtures/curriculum.ts';
import { freshDatabase } from './fresh-database.ts';
import { activeUser, passModule } from './helpers.ts';

const curriculum = testCurriculum();

async function completeMentorTrack(db: Database, userId: string, at: number) {
  for (const moduleId of ['mentor-a', 'mentor-b'])
    await passModule(db, curriculum, userId, moduleId, at);
}

describe('certificates', () => {
  test('are refused for an unfinished track, saying how much is left, and nothing is issued', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const error = await issueCertificate(db, curriculum, ana.id, 'mentor').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect(error).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/complete it: 2 required modules to go/),
    });
    expect(await db.select().from(certificates)).toEqual([]);
  });

  test('are issued once for a completed track, dated when it was completed, with an 80-bit code', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const completedAt = Date.UTC(2026, 10, 20);
    await completeMentorTrack(db, ana.id, completedAt);
    const first = await issueCertificate(db, curriculum, ana.id, 'mentor', completedAt + 1000);
    expect(first.code).toMatch(/^[a-z2-7]{16}$/);
    expect(first.completedAt).toEqual(new Date(completedAt));
    const again = await issueCertificate(db, curriculum, ana.id, 'mentor');
    expect(again.code).toBe(first.code);
    expect(await db.select().from(certificates)).toHaveLength(1);
  });

  test('stay issued when a module of the track is later marked not complete', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await completeMentorTrack(db, ana.id, Date.now());
    const issued = await issueCertificate(db, curriculum, ana.id, 'mentor');
    await reopenModule(db, curriculum, ana.id, 'mentor-b');
    expect((await findCertificate(db, ana.id, 'mentor'))?.code).toBe(issued.code);
  });

  test('confirm the name, track and date to anyone with the code, in any case or grouping', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    const completedAt = Date.UTC(2026, 10, 20);
    await completeMentorTrack(db, ana.id, completedAt);
    const { code } = await issueCertificate(db, curriculum, ana.id, 'mentor');
    await renameUser(db, ana.id, 'Ana Corrected');
    for (const typed of [code, formatCode(code), formatCode(code).toLowerCase()]) {
      expect(await verifyCertificate(db, typed, '192.0.2.1')).toEqual({
        name: 'Ana Corrected',
        trackId: 'mentor',
        completedAt: new Date(completedAt),
      });
    }
  });

  test('answer nothing for an unknown code, and refuse an address after too many failures', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await completeMentorTrack(db, ana.id, Date.now());
    const { code } = await issueCertificate(db, curriculum, ana.id, 'mentor');
    const now = Date.now();
    for (let i = 0; i < ADDRESS_RULE.capacity; i++) {
      expect(await verifyCertificate(db, 'aaaa-aaaa-aaaa-aaaa', '192.0.2.9', now)).toBeUndefined();
    }
    const refused = await verifyCertificate(db, code, '192.0.2.9', now).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    // Another address is unaffected, and sign-in's bucket for this one was never touched.
    expect(await verifyCertificate(db, code, '192.0.2.10', now)).toBeDefined();
    expect(
      await db.select().from(rateLimits).where(eq(rateLimits.key, 'address:192.0.2.9')),
    ).toEqual([]);
  });

  test('do not drain the bucket on codes that match', async () => {
    const db = await freshDatabase();
    const ana = await activeUser(db, 'ana@example.org');
    await completeMentorTrack(db, ana.id, Date.now());
    const { code } = await issueCertificate(db, curriculum, ana.id, 'mentor');
    for (let i = 0; i < ADDRESS_RULE.capacity + 5; i++)
      expect(await verifyCertificate(db, code, '192.0.2.7')).toBeDefined();
  });
});
