/**
 * The curriculum read from disk, for code that runs outside Astro's content layer: the Astro config
 * (the sidebar is fixed before collections exist) and the tests. At run time pages read the same
 * files through the content collections (`./collections.ts`); both hand them to `buildCurriculum`.
 */
import yaml from 'js-yaml';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildCurriculum, type Curriculum } from '../lib/curriculum.ts';
import { masterEventSchema, type MasterEvent } from '../lib/schedule-schema.ts';

export const DOCS_DIR = 'src/content/docs';
export const TRACKS_FILE = 'content/tracks.yaml';
export const SCHEDULE_FILE = 'content/schedule.yaml';

export interface PageFile {
  /** The path under `src/content/docs/`, e.g. `modules/mentor/openness.mdx`. */
  file: string;
  /** The page's slug, e.g. `modules/mentor/openness`. */
  slug: string;
  /** The front matter as written. */
  data: Record<string, unknown>;
  /** Everything after the front matter. */
  body: string;
}

/** Every page of the site with its front matter and body. */
export function readPageFiles(root = '.'): PageFile[] {
  const docs = path.join(root, DOCS_DIR);
  return readdirSync(docs, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.mdx?$/.test(file))
    .sort()
    .map((file) => {
      const source = readFileSync(path.join(docs, file), 'utf8');
      const [, frontMatter = '', ...rest] = source.split(/^---$/m);
      const slug = file
        .replace(/\.mdx?$/, '')
        .split(path.sep)
        .join('/');
      return {
        file,
        slug,
        data: (yaml.load(frontMatter) ?? {}) as Record<string, unknown>,
        body: rest.join('---'),
      };
    });
}

/** The contents of `content/tracks.yaml`. */
export function readTracksFile(root = '.'): unknown {
  return yaml.load(readFileSync(path.join(root, TRACKS_FILE), 'utf8'));
}

/** The curriculum as the files on disk define it. */
export function readCurriculumFiles(root = '.'): Curriculum {
  return buildCurriculum(readTracksFile(root), readPageFiles(root));
}

/** The default master schedule in `content/schedule.yaml`, checked as the collection checks it. */
export function readMasterScheduleFile(root = '.'): MasterEvent[] {
  const entries = yaml.load(readFileSync(path.join(root, SCHEDULE_FILE), 'utf8')) as Record<
    string,
    unknown
  >;
  return Object.values(entries).map((entry) => masterEventSchema.parse(entry));
}
