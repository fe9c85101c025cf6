/**
 * The server's configuration, read once from `astro:env`. The only module that imports it: every
 * other server module takes what it needs as arguments, so command-line scripts can call them too.
 */
import {
  ALLOW_OUTBOX,
  DATABASE_AUTH_TOKEN,
  DATABASE_URL,
  MAIL_FROM,
  MAIL_TRANSPORT,
  OUTBOX_DIR,
  PARTICIPANT_SESSION_IDLE_HOURS,
  PARTICIPANT_SESSION_MAX_DAYS,
  PROGRAMME_SESSION_IDLE_HOURS,
  PROGRAMME_SESSION_MAX_DAYS,
  SITE_URL,
  SMTP_HOST,
  SMTP_PASSWORD,
  SMTP_PORT,
  SMTP_SECURE,
  SMTP_USER,
  TRUSTED_PROXY_HOPS,
} from 'astro:env/server';
import { mailConfigFrom, mailSettingsProblem } from '../lib/mail-settings';
import { DAY, HOUR } from '../lib/session-policy';
import { openDatabase, type Database } from './db';
import { createMailer, type Mailer } from './mail';
import type { SessionLifetimes } from './sessions';

export const siteUrl = SITE_URL;
export const trustedProxyHops = TRUSTED_PROXY_HOPS;

export const sessionLifetimes: SessionLifetimes = {
  participant: {
    idleMs: PARTICIPANT_SESSION_IDLE_HOURS * HOUR,
    absoluteMs: PARTICIPANT_SESSION_MAX_DAYS * DAY,
  },
  programme: {
    idleMs: PROGRAMME_SESSION_IDLE_HOURS * HOUR,
    absoluteMs: PROGRAMME_SESSION_MAX_DAYS * DAY,
  },
};

const mailSettings = {
  NODE_ENV: process.env.NODE_ENV,
  MAIL_TRANSPORT,
  ALLOW_OUTBOX,
  OUTBOX_DIR,
  MAIL_FROM,
  SMTP_HOST,
  SMTP_PORT,
  SMTP_SECURE,
  SMTP_USER,
  SMTP_PASSWORD,
};

let database: Database | undefined;
let mailer: Mailer | undefined;

/** The process's one database client, opened on first use. */
export function db(): Database {
  database ??= openDatabase({
    url: DATABASE_URL,
    ...(DATABASE_AUTH_TOKEN ? { authToken: DATABASE_AUTH_TOKEN } : {}),
  });
  return database;
}

/** The process's mailer. */
export function mail(): Mailer {
  const problem = mailSettingsProblem(mailSettings);
  if (problem) throw new Error(problem);
  mailer ??= createMailer(mailConfigFrom(mailSettings));
  return mailer;
}
