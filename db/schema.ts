/**
 * Every table Flipside keeps. People and time live here; teaching material lives in git.
 * No Astro imports: scripts and drizzle-kit read this file directly.
 */
import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash'),
  role: text('role', { enum: ['participant', 'programme'] })
    .notNull()
    .default('participant'),
  team: text('team'),
  lineOfBusiness: text('line_of_business'),
  gradeLevel: integer('grade_level'),
  location: text('location'),
  interests: text('interests'),
  introduction: text('introduction'),
  createdAt: timestamp('created_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
  disabledAt: timestamp('disabled_at'),
});
