/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL. A deploy step. */
import { migrateDatabase, openDatabase } from '../src/server/db.ts';
import { databaseConfigFromEnv } from './environment.ts';

const config = databaseConfigFromEnv();
const db = openDatabase(config);
await migrateDatabase(db);
db.$client.close();
console.log(`Migrations applied to ${config.url}`);
