/**
 * A mail worker as its own process, as an app server runs one: it delivers the queue at
 * DATABASE_URL, appending each message's subject to OUT as it "sends" it (taking SEND_MS), then
 * exits. Tests run two at once, or kill one mid-batch.
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../../src/server/db.ts';
import { deliverDueMail } from '../../src/server/mail-queue.ts';

// Workers started together say they are ready, then wait for GO, so neither finishes before the other begins.
writeFileSync(`${process.env.OUT}.ready`, '');
while (process.env.GO && !existsSync(process.env.GO))
  await new Promise((resolve) => setTimeout(resolve, 5));

const db = openDatabase({ url: process.env.DATABASE_URL! });
const out = process.env.OUT!;
await deliverDueMail(
  db,
  {
    async send(message) {
      await new Promise((resolve) => setTimeout(resolve, Number(process.env.SEND_MS ?? 0)));
      appendFileSync(out, `${message.subject}\n`);
    },
  },
  `worker-${process.pid}`,
  { claimMs: 300 },
);
db.$client.close();
