import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { auditLog, sessions, users } from '../../db/schema.ts';
import { writeTransaction } from '../../src/server/db.ts';
import { setDisabled, setRole } from '../../src/server/people.ts';
import { createSession } from '../../src/server/sessions.ts';
import { renameUser } from '../../src/server/users.ts';
import { freshDatabase } from './fresh-database.ts';
import { activeUser, lifetimes } from './helpers.ts';

const change = (actorId: string) => ({ actorId, clientAddress: '127.0.0.1' });

describe('server functions composed in one transaction', () => {
  test('commit together: a role change, a rename and their audit entries and session ends', async () => {
    const db = await freshDatabase();
    const pat = await activeUser(db, 'pat@example.org', 'a long password', 'programme');
    const ana = await activeUser(db, 'ana@example.org');
    await createSession(db, ana, lifetimes);

    await writeTransaction(db, async (tx) => {
      await setRole(tx, ana.id, 'programme', change(pat.id));
      await renameUser(tx, ana.id, 'Ana Lima');
    });

    const [stored] = await db.select().from(users).where(eq(users.id, ana.id));
    expect(stored).toMatchObject({ role: 'programme', name: 'Ana Lima' });
    expect(await db.select().from(sessions).where(eq(sessions.userId, ana.id))).toEqual([]);
    const actions = (await db.select().from(auditLog)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['role-granted', 'name-changed']));
  });

  test('roll back together: when a later step fails, the earlier ones leave no trace', async () => {
    const db = await freshDatabase();
    const pat = await activeUser(db, 'pat@example.org', 'a long password', 'programme');
    const ana = await activeUser(db, 'ana@example.org');
    await createSession(db, ana, lifetimes);

    await expect(
      writeTransaction(db, async (tx) => {
        await renameUser(tx, ana.id, 'Ana Lima');
        await setDisabled(tx, ana.id, true, change(pat.id));
        await setDisabled(tx, pat.id, true, change(pat.id));
      }),
    ).rejects.toThrow(/cannot disable your own account/);

    const [stored] = await db.select().from(users).where(eq(users.id, ana.id));
    expect(stored).toMatchObject({ name: 'ana', disabledAt: null });
    expect(await db.select().from(sessions).where(eq(sessions.userId, ana.id))).toHaveLength(1);
    expect(await db.select().from(auditLog)).toEqual([]);
  });
});
