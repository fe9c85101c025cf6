/**
 * `npm start` runs the mail worker and housekeeping beside the server (start.ts); this integration
 * does the same for `astro dev`, so invitations sent on a laptop arrive there too. Never under
 * Vitest, which loads the Astro config to set up its own Vite server.
 */
import type { AstroIntegration } from 'astro';
import { createMailer } from '../src/server/mail.ts';
import { openDatabase } from '../src/server/db.ts';
import { startBackgroundWork } from './background-work.ts';
import { databaseConfigFromEnv, mailConfigFromEnv } from './environment.ts';

export function backgroundWorkInDev(): AstroIntegration {
  let command = '';
  return {
    name: 'flipside-background-work',
    hooks: {
      'astro:config:setup': (options) => {
        command = options.command;
      },
      'astro:server:setup': () => {
        if (command !== 'dev' || process.env.VITEST) return;
        startBackgroundWork(
          openDatabase(databaseConfigFromEnv()),
          createMailer(mailConfigFromEnv()),
        );
      },
    },
  };
}
