/** Invitations: the programme team invites a person, who opens the link and chooses a password. */
import { and, eq, gt, isNull } from 'drizzle-orm';
import { invitations, users } from '../../db/schema.ts';
import { INVITATION_LIFETIME_MS } from '../lib/link-lifetimes.ts';
import { recordAudit } from './audit.ts';
import { inWriteTransaction, type Database, type Db, type Transaction } from './db.ts';
import { UserFacingError } from './errors.ts';
import { invitationMessage } from './mail.ts';
import { queueMail } from './mail-queue.ts';
import { activateInvitedMemberships } from './memberships.ts';
import { hashNewPassword } from './passwords.ts';
import {
  inspectToken,
  issueToken,
  spendToken,
  type TokenState,
  type UnusableReason,
} from './single-use-tokens.ts';
import { findOrCreateUser, findUserById, type User } from './users.ts';
import type { Role } from './sessions.ts';

export interface InviteRequest {
  email: string;
  name: string;
  role?: Role;
  invitedBy?: { id: string; name: string };
  clientAddress?: string;
}

/** Refusal to invite someone whose invitation is still waiting to be accepted: resend it instead. */
export class AlreadyInvited extends UserFacingError {
  readonly person: User;

  constructor(person: User) {
    super(
      'CONFLICT',
      `${person.name} (${person.email}) is already invited, and their link still works. Resend the invitation if it has not arrived.`,
    );
    this.person = person;
  }
}

/**
 * Invites a person: creates their account if needed and queues an email with a link to choose a
 * password, all in one transaction (the caller's, when given one). Refuses an account that already
 * has a password or is disabled, and one whose invitation is still waiting (AlreadyInvited),
 * leaving its name and its link alone; `resendInvitation` sends that one again. An invitation that
 * has expired or was withdrawn is replaced, under the name given now.
 */
export async function inviteUser(
  db: Db,
  siteUrl: string,
  request: InviteRequest,
  now = Date.now(),
): Promise<{ user: User; link: string }> {
  return inWriteTransaction(db, async (tx) => {
    const { user: found } = await findOrCreateUser(tx, request, now);
    refuseAccepted(found);
    // Checked where the link is issued, so two invitations sent at once cannot both go out.
    if (await hasWaitingInvitation(tx, found.id, now)) throw new AlreadyInvited(found);
    const user = { ...found, name: request.name.trim() };
    // Until they accept, the name the programme team gives last is the one to greet them with.
    await tx.update(users).set({ name: user.name }).where(eq(users.id, user.id));
    return { user, link: await issueInvitation(tx, siteUrl, user, request, now) };
  });
}

/** Sends a person who has not yet accepted a new invitation, revoking the old link. */
export async function resendInvitation(
  db: Db,
  siteUrl: string,
  userId: string,
  request: Omit<InviteRequest, 'email' | 'name'>,
  now = Date.now(),
): Promise<{ user: User; link: string }> {
  return inWriteTransaction(db, async (tx) => {
    const user = await findUserById(tx, userId);
    if (!user)
      throw new UserFacingError('NOT_FOUND', 'That person no longer exists. Reload the page.');
    refuseAccepted(user);
    return { user, link: await issueInvitation(tx, siteUrl, user, request, now) };
  });
}

function refuseAccepted(user: User) {
  if (user.disabledAt)
    throw new UserFacingError(
      'CONFLICT',
      `The account for ${user.email} is disabled. Enable it before inviting them again.`,
    );
  if (user.passwordHash)
    throw new UserFacingError(
      'CONFLICT',
      `${user.email} already has an account. They can sign in, or reset their password from the sign-in page.`,
    );
}

async function hasWaitingInvitation(tx: Transaction, userId: string, now: number) {
  const [waiting] = await tx
    .select({ id: invitations.id })
    .from(invitations)
    .where(
      and(
        eq(invitations.userId, userId),
        isNull(invitations.usedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, new Date(now)),
      ),
    );
  return Boolean(waiting);
}

/**
 * Issues a new link, revoking any earlier one, audits it (with the wave the person was invited to,
 * if any) and queues its email, inside the caller's transaction. Returns the link.
 */
export async function issueInvitation(
  tx: Transaction,
  siteUrl: string,
  user: Pick<User, 'id' | 'email' | 'name'>,
  request: Omit<InviteRequest, 'email' | 'name'> & { waveId?: string },
  now: number,
): Promise<string> {
  const token = await issueToken(tx, invitations, user.id, INVITATION_LIFETIME_MS, now, {
    invitedBy: request.invitedBy?.id ?? null,
  });
  await recordAudit(
    tx,
    {
      action: 'invitation-sent',
      actorId: request.invitedBy?.id ?? null,
      subjectId: user.id,
      subjectEmail: user.email,
      clientAddress: request.clientAddress ?? null,
      waveId: request.waveId ?? null,
    },
    now,
  );
  const link = new URL(`/invite/${token}`, siteUrl).href;
  const message = invitationMessage(user.email, user.name, link, request.invitedBy?.name);
  await queueMail(tx, { kind: 'invitation', ...message }, now);
  return link;
}

/** Whether an invitation link can still be used. Does not spend it. */
export function inspectInvitation(
  db: Database,
  token: string,
  now = Date.now(),
): Promise<TokenState> {
  return inspectToken(db, invitations, token, now);
}

/** A sentence for a link that cannot be used. */
export function unusableInvitationMessage(reason: UnusableReason): string {
  return {
    unknown:
      'This invitation link is not valid. Check you copied the whole link, or ask your programme team for a new invitation.',
    expired: 'This invitation has expired. Ask your programme team to send a new one.',
    used: 'This invitation has already been used. Sign in with the password you chose, or reset it from the sign-in page.',
    replaced:
      'This invitation was withdrawn or replaced by a newer one. Use the newest invitation email, or ask your programme team to send one.',
    disabled:
      'This account has been disabled. Ask your programme team if you think that is a mistake.',
  }[reason];
}

/**
 * Accepts an invitation: sets the name and password, spends the link and makes the person's invited
 * wave memberships active. Returns the user.
 */
export async function acceptInvitation(
  db: Db,
  token: string,
  details: { name: string; password: string },
  clientAddress: string,
  now = Date.now(),
): Promise<User> {
  const passwordHash = await hashNewPassword(details.password);
  return inWriteTransaction(db, async (tx) => {
    const state = await inspectToken(tx, invitations, token, now);
    if (!state.usable) throw new UserFacingError('GONE', unusableInvitationMessage(state.reason));
    const [user] = await tx
      .update(users)
      .set({ name: details.name.trim(), passwordHash })
      .where(eq(users.id, state.user.id))
      .returning();
    await spendToken(tx, invitations, state.tokenId, now);
    await activateInvitedMemberships(tx, user!.id);
    await recordAudit(
      tx,
      { action: 'invitation-accepted', actorId: user!.id, subjectId: user!.id, clientAddress },
      now,
    );
    return user!;
  });
}
