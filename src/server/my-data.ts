/**
 * My data: everything Flipside keeps about a person, for them to download. Secrets stay out (the
 * password hash, the hashes of session, device and link secrets, the text of emails that can hold a
 * link, the calendar link): the export says what they were.
 * `SECTION_OF_TABLE` names the section that covers each table holding a person's data; a test
 * fails when a table with a user column is missing from it.
 */
import { asc, eq, or } from 'drizzle-orm';
import {
  announcements,
  auditLog,
  authAttempts,
  calendarFeeds,
  certificates,
  checkAnswers,
  invitations,
  mailQueue,
  memberships,
  moduleProgress,
  passwordResets,
  reflections,
  sessions,
  trustedDevices,
  users,
  waves,
} from '../../db/schema.ts';
import { formatCode } from '../lib/verification-code.ts';
import { readTogether, type Db } from './db.ts';

const iso = (date: Date | null) => date?.toISOString() ?? null;

/** The person's data as the download holds it, or undefined when there is no such person. */
export async function exportMyData(db: Db, userId: string, now = Date.now()) {
  const [account] = await db.select().from(users).where(eq(users.id, userId));
  if (!account) return undefined;
  const tokenFields = {
    createdAt: invitations.createdAt,
    expiresAt: invitations.expiresAt,
    usedAt: invitations.usedAt,
    revokedAt: invitations.revokedAt,
  };
  const [
    sessionRows,
    invitationRows,
    resetRows,
    attemptRows,
    auditRows,
    progressRows,
    answerRows,
    reflectionRows,
    certificateRows,
    deviceRows,
    mailRows,
    membershipRows,
    feedRows,
    announcementRows,
  ] = await readTogether(db, [
    db
      .select({
        createdAt: sessions.createdAt,
        lastVerifiedAt: sessions.lastVerifiedAt,
        expiresAt: sessions.expiresAt,
      })
      .from(sessions)
      .where(eq(sessions.userId, userId))
      .orderBy(asc(sessions.createdAt)),
    db
      .select({ ...tokenFields, invitedBy: users.name })
      .from(invitations)
      .leftJoin(users, eq(users.id, invitations.invitedBy))
      .where(eq(invitations.userId, userId))
      .orderBy(asc(invitations.createdAt)),
    db
      .select({
        createdAt: passwordResets.createdAt,
        expiresAt: passwordResets.expiresAt,
        usedAt: passwordResets.usedAt,
        revokedAt: passwordResets.revokedAt,
      })
      .from(passwordResets)
      .where(eq(passwordResets.userId, userId))
      .orderBy(asc(passwordResets.createdAt)),
    db
      .select({
        clientAddress: authAttempts.clientAddress,
        succeeded: authAttempts.succeeded,
        createdAt: authAttempts.createdAt,
      })
      .from(authAttempts)
      .where(eq(authAttempts.email, account.email))
      .orderBy(asc(authAttempts.createdAt)),
    db
      .select()
      .from(auditLog)
      .where(or(eq(auditLog.subjectId, userId), eq(auditLog.actorId, userId)))
      .orderBy(asc(auditLog.createdAt)),
    db
      .select()
      .from(moduleProgress)
      .where(eq(moduleProgress.userId, userId))
      .orderBy(asc(moduleProgress.startedAt)),
    db
      .select()
      .from(checkAnswers)
      .where(eq(checkAnswers.userId, userId))
      .orderBy(asc(checkAnswers.answeredAt)),
    db
      .select()
      .from(reflections)
      .where(eq(reflections.userId, userId))
      .orderBy(asc(reflections.updatedAt)),
    db.select().from(certificates).where(eq(certificates.userId, userId)),
    db
      .select({ createdAt: trustedDevices.createdAt, expiresAt: trustedDevices.expiresAt })
      .from(trustedDevices)
      .where(eq(trustedDevices.userId, userId))
      .orderBy(asc(trustedDevices.createdAt)),
    // A message's text can hold a live single-use link: only what it was and what became of it.
    db
      .select({
        kind: mailQueue.kind,
        subject: mailQueue.subject,
        status: mailQueue.status,
        createdAt: mailQueue.createdAt,
        sentAt: mailQueue.sentAt,
      })
      .from(mailQueue)
      .where(eq(mailQueue.recipient, account.email))
      .orderBy(asc(mailQueue.createdAt)),
    db
      .select({
        wave: waves.name,
        role: memberships.role,
        status: memberships.status,
        addedAt: memberships.addedAt,
        withdrawnAt: memberships.withdrawnAt,
        withdrawalReason: memberships.withdrawalReason,
        completedAt: memberships.completedAt,
      })
      .from(memberships)
      .innerJoin(waves, eq(waves.id, memberships.waveId))
      .where(eq(memberships.userId, userId))
      .orderBy(asc(memberships.addedAt)),
    // The calendar link opens schedules: when it was made, not the link itself.
    db
      .select({ createdAt: calendarFeeds.createdAt })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.userId, userId)),
    db
      .select({
        wave: waves.name,
        title: announcements.title,
        body: announcements.body,
        createdAt: announcements.createdAt,
        updatedAt: announcements.updatedAt,
      })
      .from(announcements)
      .innerJoin(waves, eq(waves.id, announcements.waveId))
      .where(eq(announcements.authorId, userId))
      .orderBy(asc(announcements.createdAt)),
  ]);
  return {
    exportedAt: new Date(now).toISOString(),
    account: {
      id: account.id,
      email: account.email,
      name: account.name,
      role: account.role,
      passwordSet: account.passwordHash !== null,
      team: account.team,
      lineOfBusiness: account.lineOfBusiness,
      gradeLevel: account.gradeLevel,
      location: account.location,
      interests: account.interests,
      introduction: account.introduction,
      trackChoice: account.trackChoice,
      createdAt: iso(account.createdAt),
      disabledAt: iso(account.disabledAt),
    },
    sessions: sessionRows.map((row) => ({
      createdAt: iso(row.createdAt),
      lastUsedAt: iso(row.lastVerifiedAt),
      expiresAt: iso(row.expiresAt),
    })),
    trustedBrowsers: deviceRows.map((row) => ({
      createdAt: iso(row.createdAt),
      expiresAt: iso(row.expiresAt),
    })),
    emails: mailRows.map((row) => ({
      kind: row.kind,
      subject: row.subject,
      status: row.status,
      createdAt: iso(row.createdAt),
      sentAt: iso(row.sentAt),
    })),
    invitations: invitationRows.map((row) => ({
      invitedBy: row.invitedBy,
      createdAt: iso(row.createdAt),
      expiresAt: iso(row.expiresAt),
      usedAt: iso(row.usedAt),
      revokedAt: iso(row.revokedAt),
    })),
    passwordResets: resetRows.map((row) => ({
      createdAt: iso(row.createdAt),
      expiresAt: iso(row.expiresAt),
      usedAt: iso(row.usedAt),
      revokedAt: iso(row.revokedAt),
    })),
    signInAttempts: attemptRows.map((row) => ({
      succeeded: row.succeeded,
      clientAddress: row.clientAddress,
      at: iso(row.createdAt),
    })),
    // What the person did to someone else is theirs to see, but that person's details are not.
    auditLog: auditRows.map((row) => {
      const aboutThem = row.subjectId === userId;
      return {
        action: row.action,
        byYou: row.actorId === userId,
        aboutYou: aboutThem,
        ...(aboutThem ? { email: row.subjectEmail } : {}),
        clientAddress: row.clientAddress,
        detail: row.detail ? (JSON.parse(row.detail) as unknown) : null,
        at: iso(row.createdAt),
      };
    }),
    moduleProgress: progressRows.map((row) => ({
      moduleId: row.moduleId,
      startedAt: iso(row.startedAt),
      completedAt: iso(row.completedAt),
    })),
    checkAnswers: answerRows.map((row) => ({
      moduleId: row.moduleId,
      checkId: row.checkId,
      answer: row.option,
      optionsTried: row.optionsTried,
      attempts: row.attempts,
      answeredAt: iso(row.answeredAt),
    })),
    reflections: reflectionRows.map((row) => ({
      moduleId: row.moduleId,
      promptId: row.promptId,
      text: row.text,
      updatedAt: iso(row.updatedAt),
    })),
    waves: membershipRows.map((row) => ({
      wave: row.wave,
      role: row.role,
      status: row.status,
      addedAt: iso(row.addedAt),
      withdrawnAt: iso(row.withdrawnAt),
      withdrawalReason: row.withdrawalReason,
      completedAt: iso(row.completedAt),
    })),
    calendarLink: feedRows.map((row) => ({ createdAt: iso(row.createdAt) })),
    announcementsWritten: announcementRows.map((row) => ({
      wave: row.wave,
      title: row.title,
      body: row.body,
      createdAt: iso(row.createdAt),
      updatedAt: iso(row.updatedAt),
    })),
    certificates: certificateRows.map((row) => ({
      track: row.trackId,
      completedAt: iso(row.completedAt),
      issuedAt: iso(row.issuedAt),
      verificationCode: formatCode(row.code),
    })),
  };
}

export type MyData = NonNullable<Awaited<ReturnType<typeof exportMyData>>>;

/** The section of the download that covers each table holding a person's data. */
export const SECTION_OF_TABLE: Record<string, keyof MyData> = {
  users: 'account',
  sessions: 'sessions',
  trusted_devices: 'trustedBrowsers',
  mail_queue: 'emails',
  invitations: 'invitations',
  password_resets: 'passwordResets',
  auth_attempts: 'signInAttempts',
  audit_log: 'auditLog',
  module_progress: 'moduleProgress',
  check_answers: 'checkAnswers',
  reflections: 'reflections',
  certificates: 'certificates',
  memberships: 'waves',
  calendar_feeds: 'calendarLink',
  announcements: 'announcementsWritten',
};
