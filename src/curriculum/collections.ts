/**
 * The curriculum at run time, from the content collections the build bundled. Built once per
 * process in production, where content cannot change; in development every call reads it afresh,
 * so an edited module shows at once.
 */
import { getCollection } from 'astro:content';
import { buildCurriculum, type Curriculum } from '../lib/curriculum.ts';

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
