/**
 * The curriculum and the default master schedule at run time, from the content collections the
 * build bundled. Built once per process in production, where content cannot change; in development
 * every call reads it afresh, so an edited module shows at once.
 */
import { getCollection } from 'astro:content';
import { buildCurriculum, type Curriculum } from '../lib/curriculum.ts';
import type { MasterEvent } from '../lib/schedule-schema.ts';

let built: Promise<Curriculum> | undefined;

async function readCollections(): Promise<Curriculum> {
  const [tracks, docs] = await Promise.all([getCollection('tracks'), getCollection('docs')]);
  return buildCurriculum(
    Object.fromEntries(tracks.map((track) => [track.id, track.data])),
    docs.map((doc) => ({ slug: doc.id, data: doc.data })),
  );
}

/** The tracks and modules, as `content/tracks.yaml` and the modules' front matter define them. */
export function loadCurriculum(): Promise<Curriculum> {
  if (!import.meta.env.PROD) return readCollections();
  built ??= readCollections();
  return built;
}

/** The default master schedule of a new wave, as `content/schedule.yaml` defines it. */
export async function loadMasterSchedule(): Promise<MasterEvent[]> {
  return (await getCollection('schedule')).map((entry) => entry.data);
}

/** The knowledge-session pages an event may link, by slug (e.g. `knowledge-sessions/joint-launch`), with their titles. */
export async function loadKnowledgeSessions(): Promise<Map<string, string>> {
  const docs = await getCollection('docs', (doc) => doc.data.kind === 'knowledge-session');
  return new Map(
    docs
      .sort((a, b) => (a.data.sidebar.order ?? 0) - (b.data.sidebar.order ?? 0))
      .map((doc) => [doc.id, doc.data.title]),
  );
}

/** The slugs of the knowledge-session pages, for checking an event's link. */
export async function loadKnowledgeSessionPages(): Promise<Set<string>> {
  return new Set((await loadKnowledgeSessions()).keys());
}
