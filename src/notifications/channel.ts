/**
 * Where outbox messages go. One interface; the implementation is chosen in one place
 * (`createChannel`): GOV.UK Notify when `NOTIFY_API_KEY` is set, otherwise none, and messages
 * wait in the outbox for admins to read.
 */
import type { OutboxMessage } from '../people/store.ts';

export interface NotificationChannel {
  /** A name for logs, e.g. "GOV.UK Notify". */
  readonly name: string;
  /** Sends one message; resolves with the provider's id, or rejects with a `SendError`. */
  send(message: OutboxMessage): Promise<{ providerId?: string }>;
}

/**
 * Why a message was not sent, in words safe to keep and show: never the recipient, a link or a
 * token. `permanent` failures (a wrong template id, a refused address) will not get better by
 * trying again; the sender still retries with back-off, since configuration can be fixed.
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
    this.name = 'SendError';
  }
}
