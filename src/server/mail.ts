/**
 * Outgoing email: SMTP through nodemailer, or an outbox folder for laptops, where each message is
 * written as an `.eml` file (mode 0600) and its link printed to the server log.
 */
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import {
  describeLifetime,
  INVITATION_LIFETIME_MS,
  RESET_LIFETIME_MS,
} from '../lib/link-lifetimes.ts';
import type { MailConfig } from '../lib/mail-settings.ts';

export interface Message {
  to: string;
  subject: string;
  text: string;
  /** The one link the message exists to deliver; the outbox prints it to the log. */
  link: string;
}

export interface Mailer {
  send(message: Message): Promise<void>;
}

/** A mailer for the configured transport. */
export function createMailer(config: MailConfig): Mailer {
  if (config.transport === 'smtp') {
    if (!config.smtp?.host) throw new Error('MAIL_TRANSPORT=smtp needs SMTP_HOST.');
    const { host, port, secure, user, password } = config.smtp;
    const transport = nodemailer.createTransport({
      host,
      port,
      secure,
      ...(user ? { auth: { user, pass: password ?? '' } } : {}),
    });
    return {
      async send({ to, subject, text }) {
        await transport.sendMail({ from: config.from, to, subject, text });
      },
    };
  }
  const render = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: 'unix',
  });
  return {
    async send({ to, subject, text, link }) {
      const { message } = (await render.sendMail({ from: config.from, to, subject, text })) as {
        message: Buffer;
      };
      await mkdir(config.outboxDir, { recursive: true, mode: 0o700 });
      const file = path.join(config.outboxDir, `${Date.now()}-${crypto.randomUUID()}.eml`);
      await writeFile(file, message, { mode: 0o600 });
      await chmod(file, 0o600);
      console.log(`[outbox] "${subject}" to ${to}: ${link}`);
    },
  };
}

/** The invitation email. */
export function invitationMessage(
  to: string,
  name: string,
  link: string,
  inviter?: string,
): Message {
  return {
    to,
    link,
    subject: 'You are invited to Flipside',
    text: [
      `Hello ${name},`,
      '',
      `${inviter ?? 'Your programme team'} has invited you to Flipside, the training site for your organisation's reverse mentoring programme.`,
      '',
      'Choose a password to open your account:',
      link,
      '',
      `The link works once and expires in ${describeLifetime(INVITATION_LIFETIME_MS)}. If it has expired, ask your programme team to send a new one.`,
    ].join('\n'),
  };
}

/** The password-reset email. */
export function resetMessage(to: string, link: string): Message {
  return {
    to,
    link,
    subject: 'Reset your Flipside password',
    text: [
      'Someone asked to reset the password of your Flipside account.',
      '',
      `To choose a new password, open this link within the next ${describeLifetime(RESET_LIFETIME_MS)}:`,
      link,
      '',
      'If it was not you, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}
