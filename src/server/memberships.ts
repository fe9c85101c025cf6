/**
 * Who is in a wave, in which role: adding a person (creating their account and queuing an
 * invitation when they have none), withdrawing and reinstating them, and resending an invitation.
 * Each change writes its audit entry and queues its email in one transaction.
 */
import { and, asc, desc, eq, inArray, ne, sql, type Placeholder } from 'drizzle-orm';
import { memberships, users, waves } from '../../db/schema.ts';
import { ROLE_LABELS, type WaveRole } from '../lib/roles.ts';
import type { MembershipStatus } from '../lib/wave-rules.ts';
import { recordAudit } from './audit.ts';
import { inWriteTransaction, preparedOnce, type Db, type Transaction } from './db.ts';
import { UserFacingError } from './errors.ts';
import { queueMail } from './mail-queue.ts';
import { normaliseEmail, type User } from './users.ts';
import { addedToWaveMessage, queueInvitation, withdrawnMessage, type Sender } from './wave-mail.ts';
import { requireChangeableWave, type Wave } from './waves.ts';

export type Membership = typeof memberships.$inferSelect;

/** A person to add to a wave, with the profile a new account starts with. */
export interface NewMember {
  email: string;
  name: string;
  role: WaveRole;
  team?: string | null;
  lineOfBusiness?: string | null;
  gradeLevel?: number | null;
  location?: string | null;
}

export const MAX_REASON_LENGTH = 500;

/** The person's membership of the wave, whatever its status, or undefined. */
export async function findMembership(
  db: Db,
  waveId: string,
  userId: string,
): Promise<Membership | undefined> {
  const [membership] = await db
    .select()
    .from(memberships)
    .where(and(eq(memberships.waveId, waveId), eq(memberships.userId, userId)));
  return membership;
}

// Every view of a cohort page starts with this read.
const waveWithMembership = preparedOnce((db) =>
  db
    .select({ wave: waves, membership: memberships })
    .from(waves)
    .leftJoin(
      memberships,
      and(eq(memberships.waveId, waves.id), eq(memberships.userId, sql.placeholder('userId'))),
    )
    .where(eq(waves.slug, sql.placeholder('slug')))
    .prepare(),
);

/** The wave with this slug and the person's membership of it (if any), in one query. */
export async function findWaveWithMembership(
  db: Db,
  slug: string,
  userId: string,
): Promise<{ wave: typeof waves.$inferSelect; membership: Membership | undefined } | undefined> {
  const [row] = await waveWithMembership(db).all({ slug, userId });
  return row && { wave: row.wave, membership: row.membership ?? undefined };
}

/** A membership with its person, as the console's member page shows it. */
export async function findMember(db: Db, waveId: string, membershipId: string) {
  const [row] = await db
    .select({ membership: memberships, user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.id, membershipId), eq(memberships.waveId, waveId)));
  return row;
}

/**
 * Adds people to a wave inside the caller's transaction, checking nothing about the file they came
 * from: accounts are created for new addresses (with their profile) and reused otherwise; people
 * without a password get an invitation, people with one a note that they are in the wave. Refuses
 * a person already in the wave or whose account is disabled.
 */
export async function addMembersInTransaction(
  tx: Transaction,
  wave: Wave,
  people: readonly NewMember[],
  sender: Sender,
  now: number,
): Promise<{ invited: number; added: number }> {
  const emails = people.map((person) => normaliseEmail(person.email));
  const existing = new Map<string, User>();
  for (let start = 0; start < emails.length; start += 500) {
    const found = await tx
      .select()
      .from(users)
      .where(inArray(users.email, emails.slice(start, start + 500)));
    for (const user of found) existing.set(user.email, user);
  }
  const already = new Set(
    (
      await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(eq(memberships.waveId, wave.id))
    ).map((row) => row.userId),
  );

  let invited = 0;
  for (const person of people) {
    const email = normaliseEmail(person.email);
    let user = existing.get(email);
    if (user?.disabledAt)
      throw new UserFacingError(
        'CONFLICT',
        `The account for ${email} is disabled. Enable it on the People page before adding them to a wave.`,
      );
    if (user && already.has(user.id))
      throw new UserFacingError('CONFLICT', `${email} is already in ${wave.name}.`);
    if (!user) {
      [user] = await tx
        .insert(users)
        .values({
          id: crypto.randomUUID(),
          email,
          name: person.name.trim(),
          team: person.team ?? null,
          lineOfBusiness: person.lineOfBusiness ?? null,
          gradeLevel: person.gradeLevel ?? null,
          location: person.location ?? null,
          createdAt: new Date(now),
        })
        .returning();
    }
    const hasAccount = Boolean(user!.passwordHash);
    await tx.insert(memberships).values({
      id: crypto.randomUUID(),
      waveId: wave.id,
      userId: user!.id,
      role: person.role,
      status: hasAccount ? 'active' : 'invited',
      addedAt: new Date(now),
    });
    already.add(user!.id);
    await recordAudit(
      tx,
      {
        action: 'member-added',
        actorId: sender.actor.id,
        subjectId: user!.id,
        subjectEmail: user!.email,
        clientAddress: sender.actor.clientAddress ?? null,
        waveId: wave.id,
        detail: { role: person.role },
      },
      now,
    );
    if (hasAccount) {
      await queueMail(
        tx,
        {
          kind: 'wave-added',
          ...addedToWaveMessage(user!.email, user!.name, wave, sender.siteUrl),
        },
        now,
      );
    } else {
      await queueInvitation(tx, user!, sender, wave.id, now);
      invited += 1;
    }
  }
  return { invited, added: people.length };
}

/** Adds one person to a wave (see `addMembersInTransaction`). */
export async function addMember(
  db: Db,
  waveId: string,
  person: NewMember,
  sender: Sender,
  now = Date.now(),
): Promise<{ invited: boolean }> {
  return inWriteTransaction(db, async (tx) => {
    const wave = await requireChangeableWave(tx, waveId);
    const { invited } = await addMembersInTransaction(tx, wave, [person], sender, now);
    return { invited: invited === 1 };
  });
}

async function requireMember(tx: Transaction, waveId: string, membershipId: string) {
  const member = await findMember(tx, waveId, membershipId);
  if (!member)
    throw new UserFacingError(
      'NOT_FOUND',
      'That person is no longer in this wave. Reload the page.',
    );
  return member;
}

/**
 * Records that a member no longer takes part: the date and the reason (kept for the programme
 * team, never emailed), and a note to them that they are out of the wave.
 */
export async function withdrawMember(
  db: Db,
  waveId: string,
  membershipId: string,
  reason: string,
  sender: Sender,
  now = Date.now(),
): Promise<{ name: string }> {
  return inWriteTransaction(db, async (tx) => {
    const wave = await requireChangeableWave(tx, waveId);
    const { membership, user } = await requireMember(tx, waveId, membershipId);
    if (membership.status === 'withdrawn')
      throw new UserFacingError('CONFLICT', `${user.name} has already been withdrawn.`);
    await tx
      .update(memberships)
      .set({
        status: 'withdrawn',
        withdrawnAt: new Date(now),
        withdrawalReason: reason.trim() || null,
      })
      .where(eq(memberships.id, membershipId));
    await recordAudit(
      tx,
      {
        action: 'member-withdrawn',
        actorId: sender.actor.id,
        subjectId: user.id,
        subjectEmail: user.email,
        clientAddress: sender.actor.clientAddress ?? null,
        waveId,
        detail: { role: membership.role },
      },
      now,
    );
    if (user.passwordHash && !user.disabledAt) {
      await queueMail(
        tx,
        {
          kind: 'wave-withdrawn',
          ...withdrawnMessage(user.email, user.name, wave, sender.siteUrl),
        },
        now,
      );
    }
    return { name: user.name };
  });
}

/** Brings a withdrawn member back: active if they have an account, invited (with a new link) if not. */
export async function reinstateMember(
  db: Db,
  waveId: string,
  membershipId: string,
  sender: Sender,
  now = Date.now(),
): Promise<{ name: string; status: MembershipStatus }> {
  return inWriteTransaction(db, async (tx) => {
    const wave = await requireChangeableWave(tx, waveId);
    const { membership, user } = await requireMember(tx, waveId, membershipId);
    if (membership.status !== 'withdrawn')
      throw new UserFacingError('CONFLICT', `${user.name} has not been withdrawn.`);
    const status: MembershipStatus = user.passwordHash ? 'active' : 'invited';
    await tx
      .update(memberships)
      .set({ status, withdrawnAt: null, withdrawalReason: null })
      .where(eq(memberships.id, membershipId));
    await recordAudit(
      tx,
      {
        action: 'member-reinstated',
        actorId: sender.actor.id,
        subjectId: user.id,
        subjectEmail: user.email,
        clientAddress: sender.actor.clientAddress ?? null,
        waveId,
      },
      now,
    );
    if (status === 'invited') await queueInvitation(tx, user, sender, wave.id, now);
    else
      await queueMail(
        tx,
        { kind: 'wave-added', ...addedToWaveMessage(user.email, user.name, wave, sender.siteUrl) },
        now,
      );
    return { name: user.name, status };
  });
}

/** Sends an invited member a new invitation link, revoking the old one. */
export async function resendMemberInvitation(
  db: Db,
  waveId: string,
  membershipId: string,
  sender: Sender,
  now = Date.now(),
): Promise<{ email: string }> {
  return inWriteTransaction(db, async (tx) => {
    await requireChangeableWave(tx, waveId);
    const { membership, user } = await requireMember(tx, waveId, membershipId);
    if (membership.status !== 'invited' || user.passwordHash)
      throw new UserFacingError(
        'CONFLICT',
        `${user.name} has already accepted an invitation and can sign in.`,
      );
    if (user.disabledAt)
      throw new UserFacingError(
        'CONFLICT',
        `The account for ${user.email} is disabled. Enable it on the People page first.`,
      );
    await queueInvitation(tx, user, sender, waveId, now);
    return { email: user.email };
  });
}

/** Changes a member's role in the wave. */
export async function changeMemberRole(
  db: Db,
  waveId: string,
  membershipId: string,
  role: WaveRole,
  sender: Sender,
  now = Date.now(),
): Promise<{ name: string; changed: boolean }> {
  return inWriteTransaction(db, async (tx) => {
    await requireChangeableWave(tx, waveId);
    const { membership, user } = await requireMember(tx, waveId, membershipId);
    if (membership.role === role) return { name: user.name, changed: false };
    await tx.update(memberships).set({ role }).where(eq(memberships.id, membershipId));
    await recordAudit(
      tx,
      {
        action: 'member-role-changed',
        actorId: sender.actor.id,
        subjectId: user.id,
        subjectEmail: user.email,
        clientAddress: sender.actor.clientAddress ?? null,
        waveId,
        detail: { from: ROLE_LABELS[membership.role].one, to: ROLE_LABELS[role].one },
      },
      now,
    );
    return { name: user.name, changed: true };
  });
}

/** Makes a person's invited memberships of waves still open active, when they accept their invitation. */
export async function activateInvitedMemberships(tx: Transaction, userId: string): Promise<void> {
  const open = tx.select({ id: waves.id }).from(waves).where(ne(waves.phase, 'closed'));
  await tx
    .update(memberships)
    .set({ status: 'active' })
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.status, 'invited'),
        inArray(memberships.waveId, open),
      ),
    );
}

/** A wave the person takes part in now, and their role in it. */
export interface CurrentWave {
  slug: string;
  name: string;
  role: WaveRole;
}

/**
 * The waves a person is active in, and not yet closed, newest first: their roles decide which
 * tracks they follow (`tracksFor` in `src/lib/track-progress.ts`).
 */
export function currentWavesOf(db: Db, userId: string | Placeholder) {
  return db
    .select({ slug: waves.slug, name: waves.name, role: memberships.role })
    .from(memberships)
    .innerJoin(waves, eq(waves.id, memberships.waveId))
    .where(
      and(
        eq(memberships.userId, userId),
        eq(memberships.status, 'active'),
        ne(waves.phase, 'closed'),
      ),
    )
    .orderBy(desc(waves.startsOn));
}

/** The wave's members with their accounts, by name. */
export function listMembers(db: Db, waveId: string) {
  return db
    .select({ membership: memberships, user: users })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.waveId, waveId))
    .orderBy(asc(users.name), asc(users.email));
}
