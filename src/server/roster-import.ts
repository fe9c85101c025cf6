/**
 * Adding people to a wave from a CSV file: the preview (the file's own problems from
 * `src/lib/roster-import.ts`, plus what the database knows: who is already in the wave, whose
 * account is disabled, who has an account already), and the import, which checks everything again
 * and adds every row or none.
 */
import { eq, inArray } from 'drizzle-orm';
import { memberships, users } from '../../db/schema.ts';
import { isImportable, parseRoster, type ParsedRoster } from '../lib/roster-import.ts';
import { MEMBERSHIP_STATUS_LABELS } from '../lib/wave-rules.ts';
import { recordAudit } from './audit.ts';
import { inWriteTransaction, type Db } from './db.ts';
import { UserFacingError } from './errors.ts';
import { addMembersInTransaction, type NewMember } from './memberships.ts';
import type { Sender } from './wave-mail.ts';
import { requireChangeableWave, type Wave } from './waves.ts';

export interface RosterPreview extends ParsedRoster {
  /** Emails of rows whose person already has an account: no new invitation, a note instead. */
  existingAccounts: Set<string>;
}

const CHUNK = 500;

/** The file's rows with every problem the file and the database show, before anything is saved. */
export async function previewRoster(
  db: Db,
  wave: Wave,
  input: Uint8Array | string,
): Promise<RosterPreview> {
  const roster = parseRoster(input);
  const existingAccounts = new Set<string>();
  const emails = [...new Set(roster.rows.map((row) => row.email).filter(Boolean))];
  if (emails.length === 0) return { ...roster, existingAccounts };

  const accounts = new Map<string, typeof users.$inferSelect>();
  for (let start = 0; start < emails.length; start += CHUNK) {
    const found = await db
      .select()
      .from(users)
      .where(inArray(users.email, emails.slice(start, start + CHUNK)));
    for (const user of found) accounts.set(user.email, user);
  }
  const inWave = new Map(
    (
      await db
        .select({ userId: memberships.userId, status: memberships.status })
        .from(memberships)
        .where(eq(memberships.waveId, wave.id))
    ).map((row) => [row.userId, row.status]),
  );

  for (const row of roster.rows) {
    const account = accounts.get(row.email);
    if (!account) continue;
    const status = inWave.get(account.id);
    if (status === 'withdrawn')
      row.problems.push(
        `${row.email} was withdrawn from ${wave.name}. Reinstate them from the roster instead, and remove this row.`,
      );
    else if (status)
      row.problems.push(
        `${row.email} is already in ${wave.name} (${MEMBERSHIP_STATUS_LABELS[status].toLowerCase()}). Remove this row.`,
      );
    else if (account.disabledAt)
      row.problems.push(
        `The account for ${row.email} is disabled. Enable it on the People page, or remove this row.`,
      );
    else existingAccounts.add(row.email);
  }
  return { ...roster, existingAccounts };
}

/** How many rows have a problem, in words, for a refusal. */
function describeProblems(preview: ParsedRoster): string {
  if (preview.fileProblems.length > 0) return preview.fileProblems.join(' ');
  const bad = preview.rows.filter((row) => row.problems.length > 0);
  if (bad.length === 0) return 'The file has no rows of people.';
  const first = bad[0]!;
  return `${bad.length === 1 ? 'One row has' : `${bad.length.toLocaleString('en-GB')} rows have`} problems, so nobody was added. Row ${first.row}: ${first.problems[0]} Fix the file and preview it again.`;
}

/**
 * Adds every row of the file to the wave, or none: the whole file is checked again inside the
 * write transaction, so a person added by someone else since the preview stops the import.
 */
export async function importRoster(
  db: Db,
  waveId: string,
  input: Uint8Array | string,
  sender: Sender,
  now = Date.now(),
): Promise<{ added: number; invited: number }> {
  return inWriteTransaction(db, async (tx) => {
    const wave = await requireChangeableWave(tx, waveId);
    const preview = await previewRoster(tx, wave, input);
    if (!isImportable(preview)) throw new UserFacingError('BAD_REQUEST', describeProblems(preview));
    const people: NewMember[] = preview.rows.map((row) => ({
      email: row.email,
      name: row.name,
      role: row.role!,
      team: row.team,
      lineOfBusiness: row.lineOfBusiness,
      gradeLevel: row.gradeLevel,
      location: row.location,
    }));
    const result = await addMembersInTransaction(tx, wave, people, sender, now);
    await recordAudit(
      tx,
      {
        action: 'members-imported',
        actorId: sender.actor.id,
        clientAddress: sender.actor.clientAddress ?? null,
        waveId,
        detail: { added: result.added, invited: result.invited },
      },
      now,
    );
    return result;
  });
}
