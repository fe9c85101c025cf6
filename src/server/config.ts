/**
 * The server's configuration, read once from `astro:env`. The only module that imports it: every
 * other server module takes what it needs as arguments, so command-line scripts can call them too.
 */
import { DATABASE_AUTH_TOKEN, DATABASE_URL } from 'astro:env/server';
import { openDatabase, type Database } from './db.ts';

export const databaseConfig = {
  url: DATABASE_URL,
  ...(DATABASE_AUTH_TOKEN ? { authToken: DATABASE_AUTH_TOKEN } : {}),
};

let database: Database | undefined;

/** The process's one database client, opened on first use. */
export function db(): Database {
  database ??= openDatabase(databaseConfig);
  return database;
}
