/**
 * The outbox sender: every few seconds it claims a batch of unsent messages (a lease, so two
 * instances never send the same one), sends each through the channel and marks it sent, or
 * failed with a back-off (the store's: 1, 2, 4 ... minutes; after `maxAttempts` it stays for an
 * admin to see). What it logs names templates and counts, never recipients or links.
 */
import type { PeopleStore } from '../people/store.ts';
import { SendError, type NotificationChannel } from './channel.ts';

export interface OutboxSenderOptions {
  store: PeopleStore;
  channel: NotificationChannel;
  /** How often to look for messages (milliseconds). */
  intervalMs?: number;
  batchSize?: number;
  leaseSeconds?: number;
  maxAttempts?: number;
  log?: (line: string) => void;
}

export interface OutboxSender {
  /** One pass: claims, sends, marks. Returns how many were sent and how many failed. */
  runOnce(): Promise<{ sent: number; failed: number }>;
  /** Stops the loop after the pass in progress. */
  stop(): Promise<void>;
}

export const OUTBOX_MAX_ATTEMPTS = 5;

export function startOutboxSender(options: OutboxSenderOptions, { autoStart = true } = {}): OutboxSender {
  const { store, channel } = options;
  const log = options.log ?? ((line: string) => console.log(line));
  const intervalMs = options.intervalMs ?? 5000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function runOnce(): Promise<{ sent: number; failed: number }> {
    const messages = await store.outbox.claim({
      limit: options.batchSize ?? 10,
      leaseSeconds: options.leaseSeconds ?? 60,
      maxAttempts: options.maxAttempts ?? OUTBOX_MAX_ATTEMPTS,
    });
    let sent = 0;
    let failed = 0;
    for (const message of messages) {
      try {
        await channel.send(message);
        await store.outbox.markSent(message.id, message.claimToken!);
        sent += 1;
      } catch (error) {
        const reason =
          error instanceof SendError
            ? error.message
            : `Sending failed (${error instanceof Error ? error.name : 'error'})`;
        await store.outbox.markFailed(message.id, message.claimToken!, reason);
        failed += 1;
        log(`Outbox: message ${message.id} (${message.template}) not sent: ${reason}`);
      }
    }
    if (sent > 0) log(`Outbox: sent ${sent} message${sent === 1 ? '' : 's'} through ${channel.name}.`);
    return { sent, failed };
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .catch((error: unknown) =>
          log(`Outbox: a pass failed: ${error instanceof Error ? error.message : String(error)}`),
        )
        .finally(schedule);
    }, intervalMs);
    timer.unref();
  }

  if (autoStart) schedule();
  return {
    runOnce,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
