/**
 * Every table Flipside keeps. People and time live here; teaching material lives in git.
 * No Astro imports: scripts and drizzle-kit read this file directly.
 */
import { sql } from 'drizzle-orm';
import {
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { EVENT_KINDS } from '../src/lib/event-kinds.ts';
import { TRACK_CHOICES, TRACK_IDS, WAVE_ROLES } from '../src/lib/roles.ts';
import { MEMBERSHIP_STATUSES, WAVE_PHASES } from '../src/lib/wave-rules.ts';

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
  /** The tracks the person chose on My training; a role in a wave decides instead once they have one. */
  trackChoice: text('track_choice', { enum: TRACK_CHOICES }),
  createdAt: timestamp('created_at')
    .notNull()
    .default(sql`(unixepoch() * 1000)`),
  disabledAt: timestamp('disabled_at'),
});

export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at').notNull(),
    lastVerifiedAt: timestamp('last_verified_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (table) => [index('sessions_user_idx').on(table.userId)],
);

/** Single-use links: invitations (14 days) and password resets (1 hour). Only the secret's hash is kept. */
const tokenColumns = () => ({
  id: text('id').primaryKey(),
  secretHash: text('secret_hash').notNull(),
  userId: text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at').notNull(),
  expiresAt: timestamp('expires_at').notNull(),
  usedAt: timestamp('used_at'),
  revokedAt: timestamp('revoked_at'),
});

export const invitations = sqliteTable(
  'invitations',
  { ...tokenColumns(), invitedBy: text('invited_by').references(() => users.id) },
  (table) => [index('invitations_user_idx').on(table.userId)],
);

export const passwordResets = sqliteTable('password_resets', tokenColumns(), (table) => [
  index('password_resets_user_idx').on(table.userId),
]);

/**
 * Browsers a person has signed in with (OWASP's device cookies): the cookie carries `<id>.<secret>`
 * and only SHA-256(secret) is kept. A trusted browser is not held back by its address's allowance.
 */
export const trustedDevices = sqliteTable(
  'trusted_devices',
  {
    id: text('id').primaryKey(),
    secretHash: text('secret_hash').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
  },
  (table) => [index('trusted_devices_user_idx').on(table.userId)],
);

/**
 * Password checks, kept for throttling per submitted email (whether or not it has an account). A row
 * is written as a failure before the password is checked and marked a success afterwards.
 */
export const authAttempts = sqliteTable(
  'auth_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    email: text('email').notNull(),
    clientAddress: text('client_address').notNull(),
    succeeded: integer('succeeded', { mode: 'boolean' }).notNull(),
    createdAt: timestamp('created_at').notNull(),
  },
  (table) => [index('auth_attempts_email_idx').on(table.email, table.createdAt)],
);

/** Token buckets for throttling by client address, shared by every app server. */
export const rateLimits = sqliteTable('rate_limits', {
  key: text('key').primaryKey(),
  tokens: real('tokens').notNull(),
  refilledAt: timestamp('refilled_at').notNull(),
});

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    subjectId: text('subject_id').references(() => users.id, { onDelete: 'set null' }),
    subjectEmail: text('subject_email'),
    clientAddress: text('client_address'),
    detail: text('detail'),
    /** The wave the change belongs to, so the console can list a wave's history. */
    waveId: text('wave_id').references(() => waves.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull(),
  },
  (table) => [
    index('audit_log_created_idx').on(table.createdAt),
    index('audit_log_wave_idx').on(table.waveId, table.createdAt),
    index('audit_log_subject_idx').on(table.subjectId, table.createdAt),
  ],
);

/*
 * Training progress, keyed by the content's stable ids (`moduleId`, check and prompt ids), never by
 * a file path, so a module renamed or moved keeps everyone's progress.
 */

const userColumn = () =>
  text('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' });

/** A module is started by the first answer or reflection saved for it, and complete when marked so. */
export const moduleProgress = sqliteTable(
  'module_progress',
  {
    userId: userColumn(),
    moduleId: text('module_id').notNull(),
    startedAt: timestamp('started_at').notNull(),
    completedAt: timestamp('completed_at'),
  },
  (table) => [primaryKey({ columns: [table.userId, table.moduleId] })],
);

/**
 * Knowledge-check answers as the person gave them (the option's text), graded when read against the
 * content as it is then. `options_tried` keeps every distinct option given, so "answered correctly at
 * least once" follows an author's correction too. Private to the person.
 */
export const checkAnswers = sqliteTable(
  'check_answers',
  {
    userId: userColumn(),
    checkId: text('check_id').notNull(),
    /** The module the question was in when answered, to group answers whose question has gone. */
    moduleId: text('module_id').notNull(),
    option: text('option').notNull(),
    optionsTried: text('options_tried', { mode: 'json' }).$type<string[]>().notNull(),
    attempts: integer('attempts').notNull(),
    answeredAt: timestamp('answered_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.checkId] })],
);

/** Reflections: private writing, read by nobody but its author. */
export const reflections = sqliteTable(
  'reflections',
  {
    userId: userColumn(),
    promptId: text('prompt_id').notNull(),
    /** The module the prompt was in when written, to group reflections whose prompt has gone. */
    moduleId: text('module_id').notNull(),
    text: text('text').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (table) => [primaryKey({ columns: [table.userId, table.promptId] })],
);

/**
 * A certificate for a completed track, issued once and kept: `code` (80 random bits) lets anyone
 * holding it confirm the name, the track and the date.
 */
export const certificates = sqliteTable(
  'certificates',
  {
    code: text('code').primaryKey(),
    userId: userColumn(),
    trackId: text('track_id', { enum: TRACK_IDS }).notNull(),
    completedAt: timestamp('completed_at').notNull(),
    issuedAt: timestamp('issued_at').notNull(),
  },
  (table) => [unique('certificates_user_track').on(table.userId, table.trackId)],
);

/**
 * Outgoing email. Requests add rows; a worker in each app server claims a row (who holds it, until
 * when) before sending it, so one message goes out once however many servers run. A message's text
 * can hold a single-use link, so it is blanked once the message is sent or given up.
 */
export const mailQueue = sqliteTable(
  'mail_queue',
  {
    id: text('id').primaryKey(),
    recipient: text('recipient').notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    link: text('link').notNull(),
    status: text('status', { enum: ['queued', 'sent', 'failed'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedUntil: timestamp('claimed_until'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at').notNull(),
    sentAt: timestamp('sent_at'),
  },
  (table) => [
    index('mail_queue_due_idx').on(table.status, table.nextAttemptAt),
    index('mail_queue_recipient_idx').on(table.recipient, table.createdAt),
  ],
);

/** Which app server runs a periodic job (housekeeping) until when, so it runs once per period. */
export const jobLeases = sqliteTable('job_leases', {
  job: text('job').primaryKey(),
  holder: text('holder').notNull(),
  until: timestamp('until').notNull(),
});

/**
 * A wave: one cohort of mentors, mentees and coaches with a shared schedule. Dates are calendar days
 * (`YYYY-MM-DD`) in the wave's IANA time zone, in which its events are also given.
 */
export const waves = sqliteTable('waves', {
  id: text('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  phase: text('phase', { enum: WAVE_PHASES }).notNull().default('planned'),
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  cadenceWeeks: integer('cadence_weeks').notNull(),
  timeZone: text('time_zone').notNull(),
  createdAt: timestamp('created_at').notNull(),
  updatedAt: timestamp('updated_at').notNull(),
});

/**
 * An event in a wave's schedule. `startsAt` is the wall-clock time (`YYYY-MM-DDTHH:MM`) in the wave's
 * time zone, so an event keeps its local time across a change of daylight saving time. `sequence`
 * counts edits, so calendar apps that subscribed replace their copy.
 */
export const waveEvents = sqliteTable(
  'wave_events',
  {
    id: text('id').primaryKey(),
    waveId: text('wave_id')
      .notNull()
      .references(() => waves.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: EVENT_KINDS }).notNull(),
    title: text('title').notNull(),
    startsAt: text('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    place: text('place'),
    /** The knowledge-session page the event links, e.g. `knowledge-sessions/joint-launch`. */
    pageSlug: text('page_slug'),
    sequence: integer('sequence').notNull().default(0),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (table) => [index('wave_events_wave_idx').on(table.waveId, table.startsAt)],
);

/**
 * A person's place in a wave, in one role. `invited` until their account's invitation is accepted;
 * withdrawal keeps its date and reason (drop-out is a programme measure); closing the wave
 * completes the active memberships.
 */
export const memberships = sqliteTable(
  'memberships',
  {
    id: text('id').primaryKey(),
    waveId: text('wave_id')
      .notNull()
      .references(() => waves.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: WAVE_ROLES }).notNull(),
    status: text('status', { enum: MEMBERSHIP_STATUSES }).notNull(),
    addedAt: timestamp('added_at').notNull(),
    withdrawnAt: timestamp('withdrawn_at'),
    withdrawalReason: text('withdrawal_reason'),
    completedAt: timestamp('completed_at'),
  },
  (table) => [
    uniqueIndex('memberships_wave_user_idx').on(table.waveId, table.userId),
    index('memberships_user_idx').on(table.userId),
  ],
);

/** A post to a wave's cohort page, in Markdown (rendered with raw HTML refused). */
export const announcements = sqliteTable(
  'announcements',
  {
    id: text('id').primaryKey(),
    waveId: text('wave_id')
      .notNull()
      .references(() => waves.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    createdAt: timestamp('created_at').notNull(),
    updatedAt: timestamp('updated_at').notNull(),
  },
  (table) => [index('announcements_wave_idx').on(table.waveId, table.createdAt)],
);

/**
 * Each person's secret calendar feed link. Kept as it is, not hashed, because the cohort page shows
 * the link again on every visit; it reveals only wave schedules, which anyone able to read this
 * table can read anyway. Renewing it replaces the row, so the old link stops working.
 */
export const calendarFeeds = sqliteTable('calendar_feeds', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  token: text('token').notNull().unique(),
  createdAt: timestamp('created_at').notNull(),
});
