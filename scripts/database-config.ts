/**
 * The database settings for command-line scripts, read the way the server reads them: from the
 * environment, after `.env` when there is one.
 */
import { existsSync } from 'node:fs';
import type { DatabaseConfig } from '../src/server/db.ts';

/** Loads `.env` (without overriding the environment) and returns the database settings. */
export function databaseConfigFromEnv(): DatabaseConfig {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const authToken = process.env.DATABASE_AUTH_TOKEN;
  return {
    url: process.env.DATABASE_URL || 'file:.data/flipside.db',
    ...(authToken ? { authToken } : {}),
  };
}
