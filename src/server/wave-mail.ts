/**
 * The emails a wave sends, queued in the transaction of the change they announce. Like every
 * Flipside email they say only that something happened and where to look: never a reason, a note or
 * anything else a person wrote.
 */
import type { Transaction } from './db.ts';
import { issueInvitation } from './invitations.ts';
import type { Message } from './mail.ts';
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

/** Queues an invitation to a person who has not chosen a password yet, recorded against the wave. */
export function queueInvitation(
  tx: Transaction,
  user: Pick<User, 'id' | 'email' | 'name'>,
  sender: Sender,
  waveId: string,
  now: number,
): Promise<string> {
  const { actor, siteUrl } = sender;
  return issueInvitation(
    tx,
    siteUrl,
    user,
    {
      invitedBy: { id: actor.id, name: actor.name },
      clientAddress: actor.clientAddress ?? undefined,
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
