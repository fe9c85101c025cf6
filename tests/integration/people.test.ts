import { describe, expect, test } from 'vitest';
import { auditLog } from '../../db/schema.ts';
import { listPeople, setDisabled, setRole } from '../../src/server/people.ts';
import { createSession, validateSessionToken } from '../../src/server/sessions.ts';
import { acceptInvitation, inspectInvitation, inviteUser } from '../../src/server/invitations.ts';
import { freshDatabase } from './fresh-database.ts';
import { SITE, activeUser, lifetimes } from './helpers.ts';

const change = (actorId: string | null) => ({ actorId, clientAddress: '127.0.0.1' });

describe('the programme team’s people tools', () => {
  test('list people with their status', async () => {
    const db = await freshDatabase();
    const pat = await activeUser(db, 'pat@example.org', 'a long password', 'programme');
    await inviteUser(db, SITE, { email: 'ben@example.org', name: 'Ben' });
    const carol = await activeUser(db, 'carol@example.org');
    await setDisabled(db, carol.id, true, change(pat.id));
    const people = await listPeople(db);
    expect(people.map((p) => [p.email, p.status, p.role])).toEqual([
      ['ben@example.org', 'invited', 'participant'],
      ['carol@example.org', 'disabled', 'participant'],
      ['pat@example.org', 'active', 'programme'],
    ]);
  });

  test('refuse to remove or disable the last active programme member', async () => {
    const db = await freshDatabase();
    const pat = await activeUser(db, 'pat@example.org', 'a long password', 'programme');
    await expect(setRole(db, pat.id, 'participant', change(pat.id))).rejects.toThrow(
      /last active member/,
    );
    await expect(setDisabled(db, pat.id, true, change(null))).rejects.toThrow(/last active member/);
    const [person] = await listPeople(db);
    expect(person).toMatchObject({ role: 'programme', status: 'active' });

    const quinn = await activeUser(db, 'quinn@example.org');
    await setRole(db, quinn.id, 'programme', change(pat.id));
    await setRole(db, pat.id, 'participant', change(quinn.id));
    expect((await listPeople(db)).find((p) => p.id === pat.id)?.role).toBe('participant');
  });

  test('refuse to let a programme member disable their own account', async () => {
    const db = await freshDatabase();
    const pat = await activeUser(db, 'pat@example.org', 'a long password', 'programme');
    const quinn = await activeUser(db, 'quinn@example.org', 'a long password', 'programme');
    await expect(setDisabled(db, pat.id, true, change(pat.id))).rejects.toThrow(
      /cannot disable your own account/,
    );
    await setDisabled(db, pat.id, true, change(quinn.id));
    expect((await listPeople(db)).find((p) => p.id === pat.id)?.status).toBe('disabled');
  });

  test('leave sessions alone when the role is set to what it already is', async () => {
    const db = await freshDatabase();
    const pat = await activeUser(db, 'pat@example.org', 'a long password', 'programme');
    const ana = await activeUser(db, 'ana@example.org');
    const { token } = await createSession(db, ana, lifetimes);
    expect(await setRole(db, ana.id, 'participant', change(pat.id))).toBe(false);
    expect(await validateSessionToken(db, token, lifetimes)).toBeDefined();
  });

  test('revoke a disabled person’s open invitation, which stays unusable, as replaced, after re-enabling', async () => {
    const db = await freshDatabase();
    const pat = await activeUser(db, 'pat@example.org', 'a long password', 'programme');
    const { user, link } = await inviteUser(db, SITE, {
      email: 'ben@example.org',
      name: 'Ben',
    });
    const token = link.split('/').at(-1)!;
    await setDisabled(db, user.id, true, change(pat.id));
    expect(await inspectInvitation(db, token)).toEqual({ usable: false, reason: 'disabled' });
    await expect(
      acceptInvitation(db, token, { name: 'Ben', password: 'a long enough password' }, 'x'),
    ).rejects.toThrow();
    await setDisabled(db, user.id, false, change(pat.id));
    expect(await inspectInvitation(db, token)).toEqual({ usable: false, reason: 'replaced' });
  });

  test('end a person’s sessions when their role changes or their account is disabled, and audit both', async () => {
    const db = await freshDatabase();
    const pat = await activeUser(db, 'pat@example.org', 'a long password', 'programme');
    const ana = await activeUser(db, 'ana@example.org');
    const first = await createSession(db, ana, lifetimes);
    await setRole(db, ana.id, 'programme', change(pat.id));
    expect(await validateSessionToken(db, first.token, lifetimes)).toBeUndefined();
    const second = await createSession(db, { ...ana, role: 'programme' }, lifetimes);
    await setDisabled(db, ana.id, true, change(pat.id));
    expect(await validateSessionToken(db, second.token, lifetimes)).toBeUndefined();
    const audit = (await db.select().from(auditLog)).map((entry) => [
      entry.action,
      entry.actorId,
      entry.subjectId,
    ]);
    expect(audit).toEqual([
      ['role-granted', pat.id, ana.id],
      ['account-disabled', pat.id, ana.id],
    ]);
  });
});
