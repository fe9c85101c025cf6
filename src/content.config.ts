/**
 * Collections: Starlight's pages (with Flipside's front matter), its interface text in British
 * English, and the programme's definition in `content/` (the training tracks and the default
 * master schedule of a wave).
 */
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { defineCollection } from 'astro:content';
import { file } from 'astro/loaders';
import type { Loader } from 'astro/loaders';
import { findIdsUsedTwice, pageExtension } from './lib/page-schema';
import { masterEventSchema } from './lib/schedule-schema';
import { trackSchema } from './lib/track-schema';

/** Starlight's loader, then a check that no id is shared between two pages. */
function docsLoaderWithUniqueIds(): Loader {
  const loader = docsLoader();
  return {
    ...loader,
    async load(context) {
      await loader.load(context);
      const pages = context.store.values().map((entry) => ({
        filePath: entry.filePath ?? entry.id,
        ...(entry.data as {
          moduleId?: string;
          checks: { id: string }[];
          reflections: { id: string }[];
        }),
      }));
      const repeated = [...findIdsUsedTwice(pages)];
      if (repeated.length > 0) {
        const lines = repeated.map(([id, files]) => `"${id}" is used by ${files.join(' and ')}`);
        throw new Error(
          `Every module, check and reflection id must be unique: ${lines.join('; ')}.`,
        );
      }
    },
  };
}

export const collections = {
  docs: defineCollection({
    loader: docsLoaderWithUniqueIds(),
    schema: docsSchema({ extend: pageExtension }),
  }),
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  tracks: defineCollection({
    loader: file('content/tracks.yaml'),
    schema: trackSchema,
  }),
  schedule: defineCollection({
    loader: file('content/schedule.yaml'),
    schema: masterEventSchema,
  }),
};
