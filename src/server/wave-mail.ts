/**
 * The emails a wave sends, queued in the transaction of the change they announce. Like every
 * Flipside email they say only that something happened and where to look: never a reason, a note or
 * anything else a person wrote.
 */
import { invitations } from '../../db/schema.ts';
import { INVITATION_LIFETIME_MS } from '../lib/link-lifetimes.ts';
import { recordAudit } from './audit.ts';
import type { Transaction } from './db.ts';
import { invitationMessage, type Message } from './mail.ts';
import { queueMail } from './mail-queue.ts';
import { issueToken } from './single-use-tokens.ts';
import type { User } from './users.ts';

/** Who is making a change that sends an email, and the site's address for its links. */
export interface Sender {
  actor: { id: string; name: string; clientAddress?: string | null };
  siteUrl: string;
}

/** The cohort page of a wave, as a full address for an email. */
export function cohortLink(siteUrl: string, slug: string): string {
  return new URL(`/cohorts/${slug}/`, siteUrl).href;
}

/**
 * Issues a new invitation link for a person who has not chosen a password yet (revoking any
 * earlier link), queues the email and records it, all inside the caller's transaction.
 */
export async function queueInvitation(
  tx: Transaction,
  user: Pick<User, 'id' | 'email' | 'name'>,
  sender: Sender,
  waveId: string,
  now: number,
): Promise<void> {
  const token = await issueToken(tx, invitations, user.id, INVITATION_LIFETIME_MS, now, {
    invitedBy: sender.actor.id,
  });
  const link = new URL(`/invite/${token}`, sender.siteUrl).href;
  await queueMail(
    tx,
    { kind: 'invitation', ...invitationMessage(user.email, user.name, link, sender.actor.name) },
    now,
  );
  await recordAudit(
    tx,
    {
      action: 'invitation-sent',
      actorId: sender.actor.id,
      subjectId: user.id,
      subjectEmail: user.email,
      clientAddress: sender.actor.clientAddress ?? null,
      waveId,
    },
    now,
  );
}

/** Tells someone who already has an account that they are now in a wave. */
export function addedToWaveMessage(
  to: string,
  name: string,
  wave: { name: string; slug: string },
  siteUrl: string,
): Message {
  const link = cohortLink(siteUrl, wave.slug);
  return {
    to,
    link,
    subject: `You are in ${wave.name} on Flipside`,
    text: [
      `Hello ${name},`,
      '',
      `Your programme team has added you to ${wave.name}. Its cohort page has the schedule, announcements and a calendar link:`,
      link,
    ].join('\n'),
  };
}

/** Tells someone they no longer take part in a wave; the reason stays with the programme team. */
export function withdrawnMessage(
  to: string,
  name: string,
  wave: { name: string },
  siteUrl: string,
): Message {
  const link = new URL('/cohorts/', siteUrl).href;
  return {
    to,
    link,
    subject: `You are no longer in ${wave.name}`,
    text: [
      `Hello ${name},`,
      '',
      `Your programme team has recorded that you no longer take part in ${wave.name}. Your account and your training stay as they are.`,
      '',
      `If this is a surprise, reply to your programme team. Your waves: ${link}`,
    ].join('\n'),
  };
}
