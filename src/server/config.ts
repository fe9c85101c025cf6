/**
 * The server's configuration, read once from `astro:env`. The only module that imports it: every
 * other server module takes what it needs as arguments, so command-line scripts can call them too.
 */
import {
  DATABASE_AUTH_TOKEN,
  DATABASE_URL,
  PARTICIPANT_SESSION_IDLE_HOURS,
  PARTICIPANT_SESSION_MAX_DAYS,
  PROGRAMME_SESSION_IDLE_HOURS,
  PROGRAMME_SESSION_MAX_DAYS,
  SITE_URL,
  TRUSTED_PROXY_HOPS,
} from 'astro:env/server';
import { DAY, HOUR } from '../lib/session-policy';
import { openDatabase, type Database } from './db';
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

let database: Database | undefined;

/** The process's one database client, opened on first use. */
export function db(): Database {
  database ??= openDatabase({
    url: DATABASE_URL,
    ...(DATABASE_AUTH_TOKEN ? { authToken: DATABASE_AUTH_TOKEN } : {}),
  });
  return database;
}
