/**
 * Settings for command-line scripts, read the way the server reads them: from the environment,
 * after `.env` when there is one. The server itself reads them through `astro:env`.
 */
import { existsSync } from 'node:fs';
import type { DatabaseConfig } from '../src/server/db.ts';
import { mailConfigFrom, type MailConfig } from '../src/lib/mail-settings.ts';

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
  return mailConfigFrom(env);
}

/** The site's public address, for links in emails. */
export function siteUrlFromEnv(): string {
  return env.SITE_URL || `http://localhost:${env.PORT || 4321}`;
}
