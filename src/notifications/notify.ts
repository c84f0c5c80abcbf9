/**
 * The GOV.UK Notify channel, through the official `notifications-node-client`. Each outbox
 * template needs a Notify template id (`NOTIFY_TEMPLATE_<NAME>`); the message's payload becomes
 * the template's personalisation (every value as text), and the outbox id its reference. Text
 * people typed is sent for Notify to sanitise (`sanitise_content_for`).
 */
import { NotifyClient } from 'notifications-node-client';
import type { OutboxMessage } from '../people/store.ts';
import { redactLogText } from '../security/redact.ts';
import { SendError, type NotificationChannel } from './channel.ts';
import { OUTBOX_TEMPLATES } from './templates.ts';

export interface NotifySettings {
  apiKey: string;
  /** Another host speaking Notify's API (a stand-in in tests); Notify's own when unset. */
  baseUrl?: string;
  /** Notify template ids by outbox template name (`password-reset`, `invitation`, ...). */
  templates: Record<string, string>;
}

/** The environment variable that holds an outbox template's Notify template id. */
export function templateVariable(template: string): string {
  return `NOTIFY_TEMPLATE_${template.toUpperCase().replace(/-/g, '_')}`;
}

function personalisation(payload: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (value === null || value === undefined) fields[key] = '';
    else if (Array.isArray(value)) fields[key] = value.map(String).join('\n');
    else fields[key] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return fields;
}

interface NotifyFailure {
  response?: { status?: number; data?: { errors?: { error?: string; message?: string }[] } };
  code?: string;
  message?: string;
}

/** Notify's answer in safe words: its error names and status, never the request (which holds the recipient). */
function describe(error: unknown): SendError {
  const failure = error as NotifyFailure;
  const status = failure.response?.status;
  if (status === undefined) {
    return new SendError(`Notify could not be reached (${failure.code ?? 'network error'})`, false);
  }
  const errors = failure.response?.data?.errors ?? [];
  const detail = errors.map((e) => `${e.error ?? 'Error'}: ${e.message ?? ''}`.trim()).join('; ');
  const permanent = status >= 400 && status < 500 && status !== 429;
  return new SendError(
    redactLogText(`Notify answered ${status}${detail ? ` (${detail})` : ''}`).slice(0, 300),
    permanent,
  );
}

export function createNotifyChannel(settings: NotifySettings): NotificationChannel {
  const client = settings.baseUrl
    ? new NotifyClient(settings.baseUrl, settings.apiKey)
    : new NotifyClient(settings.apiKey);
  return {
    name: 'GOV.UK Notify',
    async send(message: OutboxMessage) {
      const templateId = settings.templates[message.template];
      if (!templateId) {
        throw new SendError(
          `No Notify template for "${message.template}": set ${templateVariable(message.template)}`,
          true,
        );
      }
      const options = { personalisation: personalisation(message.payload), reference: `outbox-${message.id}` };
      const typed = OUTBOX_TEMPLATES[message.template]?.typedFields ?? [];
      try {
        const response =
          message.channel === 'sms'
            ? await client.sendSms(templateId, message.recipient, options)
            : await client.sendEmail(templateId, message.recipient, {
                ...options,
                ...(typed.length > 0 ? { sanitiseContentFor: typed } : {}),
              });
        return { providerId: (response.data as { id?: string }).id };
      } catch (error) {
        throw describe(error);
      }
    },
  };
}
