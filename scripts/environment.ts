/**
 * Settings for command-line scripts, read the way the server reads them: from the environment,
 * after `.env` when there is one. The server itself reads them through `astro:env`.
 */
import { existsSync } from 'node:fs';
import type { DatabaseConfig } from '../src/server/db.ts';
import type { MailConfig } from '../src/server/mail.ts';

if (existsSync('.env')) process.loadEnvFile('.env');
const env = process.env;

/** The database settings. */
export function databaseConfigFromEnv(): DatabaseConfig {
  return {
    url: env.DATABASE_URL || 'file:.data/flipside.db',
    ...(env.DATABASE_AUTH_TOKEN ? { authToken: env.DATABASE_AUTH_TOKEN } : {}),
  };
}

/** The mail settings. */
export function mailConfigFromEnv(): MailConfig {
  return {
    transport: env.MAIL_TRANSPORT === 'smtp' ? 'smtp' : 'outbox',
    from: env.MAIL_FROM || 'Flipside <no-reply@localhost>',
    outboxDir: env.OUTBOX_DIR || '.data/outbox',
    ...(env.SMTP_HOST
      ? {
          smtp: {
            host: env.SMTP_HOST,
            port: Number(env.SMTP_PORT || 587),
            secure: env.SMTP_SECURE === 'true',
            ...(env.SMTP_USER ? { user: env.SMTP_USER } : {}),
            ...(env.SMTP_PASSWORD ? { password: env.SMTP_PASSWORD } : {}),
          },
        }
      : {}),
  };
}

/** The site's public address, for links in emails. */
export function siteUrlFromEnv(): string {
  return env.SITE_URL || `http://localhost:${env.PORT || 4321}`;
}
