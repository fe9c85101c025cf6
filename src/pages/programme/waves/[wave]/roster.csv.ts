/**
 * The roster of a wave as a CSV download, for the programme team. A POST, because every download is
 * written to the audit log (with whether withdrawal reasons were included).
 */
import type { APIRoute } from 'astro';
import { loadCurriculum } from '~/curriculum/collections';
import { rosterCsv } from '~/lib/roster-export';
import { consoleWaveFor } from '~/server/access';
import { appendAudit } from '~/server/audit';
import { db } from '~/server/config';
import { listRosterForExport } from '~/server/roster';

export const prerender = false;

export const POST: APIRoute = async ({ params, locals, request }) => {
  const wave = await consoleWaveFor(db(), params.wave!, locals.user);
  if (!wave) return new Response('Not found.', { status: 404 });
  const form = await request.formData().catch(() => undefined);
  const includeReasons = form?.get('reasons') === 'yes';
  const roster = await listRosterForExport(db(), wave.id, await loadCurriculum());
  await appendAudit(db(), {
    action: 'roster-exported',
    actorId: locals.user!.id,
    clientAddress: locals.clientAddress,
    waveId: wave.id,
    detail: { members: roster.length, reasons: includeReasons },
  });
  // The byte-order mark tells Excel the file is UTF-8, so accented names survive.
  return new Response(`\uFEFF${rosterCsv(roster, { includeReasons })}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${wave.slug}-roster.csv"`,
    },
  });
};
