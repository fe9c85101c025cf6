/**
 * Certificates: one per person and completed track, issued the first time the person asks for it
 * once the track is complete, and kept from then on (completing the track is a fact, whatever
 * changes later). Each carries a verification code of 80 random bits; anyone holding it may confirm
 * the name (as the account has it now, so a corrected name shows too), the track and the date, and
 * nothing else. Lookups are throttled per client address as password checks are, in a bucket of their
 * own that only codes matching nothing use up, so codes cannot be guessed.
 */
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { and, eq } from 'drizzle-orm';
import { certificates, users } from '../../db/schema.ts';
import type { Curriculum } from '../lib/curriculum.ts';
import type { TrackId } from '../lib/roles.ts';
import { trackProgress } from '../lib/track-progress.ts';
import { normaliseCode } from '../lib/verification-code.ts';
import { inWriteTransaction, type Database, type Db } from './db.ts';
import { UserFacingError } from './errors.ts';
import { readModuleRecords } from './progress.ts';
import { lookUpThrottled } from './throttle.ts';

export type Certificate = typeof certificates.$inferSelect;

const CODE_BYTES = 10; // 80 bits, 16 base32 characters

function newCode(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(CODE_BYTES)));
}

/** The person's certificate for the track, if one has been issued. */
export async function findCertificate(
  db: Db,
  userId: string,
  trackId: TrackId,
): Promise<Certificate | undefined> {
  const [found] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.trackId, trackId)));
  return found;
}

/**
 * The person's certificate for the track: the one issued before, or a new one dated the day the
 * track's last required module was completed. Refuses, saying how much is left, while the track is
 * not complete and no certificate has been issued.
 */
export async function issueCertificate(
  db: Db,
  curriculum: Curriculum,
  userId: string,
  trackId: TrackId,
  now = Date.now(),
): Promise<Certificate> {
  const track = curriculum.tracks.find((candidate) => candidate.id === trackId);
  if (!track) throw new UserFacingError('NOT_FOUND', 'There is no such track.');
  return inWriteTransaction(db, async (tx) => {
    const issued = await findCertificate(tx, userId, trackId);
    if (issued) return issued;
    const progress = trackProgress(track, curriculum.modules, await readModuleRecords(tx, userId));
    if (!progress.completedAt) {
      const left = progress.required - progress.completed;
      throw new UserFacingError(
        'NOT_FOUND',
        `Your certificate for the ${track.title.toLowerCase()} appears here once you complete it: ${left} required module${left === 1 ? '' : 's'} to go.`,
      );
    }
    const [created] = await tx
      .insert(certificates)
      .values({
        code: newCode(),
        userId,
        trackId,
        completedAt: progress.completedAt,
        issuedAt: new Date(now),
      })
      .returning();
    return created!;
  });
}

/** Every certificate issued to the person. */
export function listCertificates(db: Db, userId: string): Promise<Certificate[]> {
  return db.select().from(certificates).where(eq(certificates.userId, userId));
}

export interface VerifiedCertificate {
  name: string;
  trackId: TrackId;
  completedAt: Date;
}

/**
 * What a certificate confirms to anyone holding its code: the name, the track and the date; undefined
 * for a code that matches none. Refuses with TOO_MANY_REQUESTS once the address has tried too many
 * codes that match nothing.
 */
export async function verifyCertificate(
  db: Database,
  typed: string,
  clientAddress: string,
  now = Date.now(),
): Promise<VerifiedCertificate | undefined> {
  const code = normaliseCode(typed);
  const outcome = await lookUpThrottled(
    db,
    clientAddress,
    'verification',
    async (tx) => {
      if (!code) return undefined;
      const [found] = await tx
        .select({
          name: users.name,
          trackId: certificates.trackId,
          completedAt: certificates.completedAt,
        })
        .from(certificates)
        .innerJoin(users, eq(users.id, certificates.userId))
        .where(eq(certificates.code, code));
      return found;
    },
    now,
  );
  if (outcome.refused) {
    throw new UserFacingError(
      'TOO_MANY_REQUESTS',
      'Too many certificate codes that match nothing have been tried from your network. Check the code and try again in a few minutes.',
    );
  }
  return outcome.found;
}
