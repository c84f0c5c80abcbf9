/** Notifications: the outbox's channel (GOV.UK Notify when configured) and the sender loop. */
import type { Config } from '../config.ts';
import type { NotificationChannel } from './channel.ts';
import { createNotifyChannel } from './notify.ts';

export * from './channel.ts';
export * from './notify.ts';
export * from './sender.ts';
export * from './templates.ts';
export * from './mask.ts';

/** The one place the channel is chosen: Notify when `NOTIFY_API_KEY` is set, else none (the outbox waits). */
export function createChannel(config: Pick<Config, 'notify'>): NotificationChannel | undefined {
  return config.notify ? createNotifyChannel(config.notify) : undefined;
}
