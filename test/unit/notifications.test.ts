import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChannel, startOutboxSender, type NotificationChannel } from '../../src/notifications/index.ts';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { readConfig } from '../../src/config.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';
import { API_KEY, startNotifyStandIn, type NotifyStandIn } from '../support/notify-stand-in.ts';

const RESET_TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
const RETURNED_TEMPLATE = '5d1f7a43-2b6e-4c55-9d3a-0f6b1c2e8a90';
const INVITE_TEMPLATE = '0ee5b8a9-6e2c-4f6e-9d3f-3a1f1b6c9e21';

describe('the configuration', () => {
  it('turns NOTIFY_TEMPLATE_* variables into template ids by outbox template name', () => {
    const config = readConfig({
      NOTIFY_API_KEY: API_KEY,
      NOTIFY_TEMPLATE_PASSWORD_RESET: RESET_TEMPLATE,
      NOTIFY_TEMPLATE_INVITATION: INVITE_TEMPLATE,
    });
    expect(config.notify).toEqual({
      apiKey: API_KEY,
      baseUrl: undefined,
      templates: { 'password-reset': RESET_TEMPLATE, invitation: INVITE_TEMPLATE },
    });
  });

  it('has no Notify without an API key, and names a template variable that is not a UUID', () => {
    expect(readConfig({}).notify).toBeUndefined();
    expect(createChannel(readConfig({}))).toBeUndefined();
    expect(() => readConfig({ NOTIFY_TEMPLATE_INVITATION: 'nope' })).toThrow(/NOTIFY_TEMPLATE_INVITATION/);
    expect(() => readConfig({ NOTIFY_API_KEY: 'not-a-key' })).toThrow(/NOTIFY_API_KEY/);
  });
});

describe.each(STORE_KINDS)('sending the outbox through GOV.UK Notify (%s)', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  let notify: NotifyStandIn;
  let channel: NotificationChannel;
  let now = new Date('2026-03-02T09:00:00Z');
  const logs: string[] = [];

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config, { clock: () => now });
    notify = await startNotifyStandIn();
    channel = createChannel(
      readConfig({
        NOTIFY_API_KEY: API_KEY,
        NOTIFY_BASE_URL: notify.baseUrl,
        NOTIFY_TEMPLATE_PASSWORD_RESET: RESET_TEMPLATE,
        NOTIFY_TEMPLATE_LISTING_CHANGE_RETURNED: RETURNED_TEMPLATE,
      }),
    )!;
  });
  afterAll(async () => {
    await store?.close();
    await notify?.close();
    await database?.dispose();
  });

  const sender = () => startOutboxSender({ store, channel, log: (line) => logs.push(line) }, { autoStart: false });

  it('sends an email with its template id, personalisation and the outbox id as reference, then marks it sent', async () => {
    const id = await store.outbox.enqueue({
      channel: 'email',
      template: 'password-reset',
      recipient: 'pat@example.org',
      payload: { link: 'https://signpost.test/reset-password/abc', expiresInMinutes: 60 },
    });
    expect(await sender().runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(notify.received.at(-1)).toEqual({
      type: 'email',
      template_id: RESET_TEMPLATE,
      email_address: 'pat@example.org',
      personalisation: { link: 'https://signpost.test/reset-password/abc', expiresInMinutes: '60' },
      reference: `outbox-${id}`,
    });
    const [message] = await store.outbox.list();
    expect(message).toMatchObject({ id, sentAt: now.toISOString(), lastError: null });
    expect(await sender().runOnce()).toEqual({ sent: 0, failed: 0 });
  });

  it('asks Notify to sanitise text people typed (no links or formatting slipped into an email)', async () => {
    await store.outbox.enqueue({
      channel: 'email',
      template: 'listing-change-returned',
      recipient: 'pat@example.org',
      payload: {
        listing: 'Tea <b>club</b> [win](https://evil.example)',
        message: 'Say which days',
        link: 'https://signpost.test/partner/listings',
      },
    });
    expect(await sender().runOnce()).toEqual({ sent: 1, failed: 0 });
    expect(notify.received.at(-1)).toMatchObject({
      template_id: RETURNED_TEMPLATE,
      sanitise_content_for: ['listing', 'message'],
      personalisation: expect.objectContaining({ listing: 'Tea <b>club</b> [win](https://evil.example)' }),
    });
  });

  it('keeps a message Notify refused, says why without the recipient, and retries it after a back-off', async () => {
    notify.failNext(1, 500);
    const id = await store.outbox.enqueue({
      channel: 'email',
      template: 'password-reset',
      recipient: 'sam@example.org',
      payload: { link: 'x' },
    });
    expect(await sender().runOnce()).toEqual({ sent: 0, failed: 1 });
    let message = (await store.outbox.list()).find((m) => m.id === id)!;
    expect(message.sentAt).toBeNull();
    expect(message.lastError).toMatch(/^Notify answered 500/);
    expect(message.lastError).not.toContain('@');
    expect(logs.join('\n')).not.toMatch(/sam@|example\.org/);
    // Not again straight away ...
    expect(await sender().runOnce()).toEqual({ sent: 0, failed: 0 });
    // ... but after the back-off (1 minute after the first attempt).
    now = new Date(now.getTime() + 61_000);
    expect(await sender().runOnce()).toEqual({ sent: 1, failed: 0 });
    message = (await store.outbox.list()).find((m) => m.id === id)!;
    expect(message.sentAt).not.toBeNull();
  });

  it('does not send a message whose template has no Notify template id, and names the variable to set', async () => {
    const id = await store.outbox.enqueue({
      channel: 'email',
      template: 'invitation',
      recipient: 'lee@example.org',
      payload: { link: 'x' },
    });
    const before = notify.received.length;
    expect(await sender().runOnce()).toEqual({ sent: 0, failed: 1 });
    expect(notify.received.length).toBe(before);
    const message = (await store.outbox.list()).find((m) => m.id === id)!;
    expect(message.lastError).toContain('NOTIFY_TEMPLATE_INVITATION');
  });

  it('sends text messages through the SMS endpoint', async () => {
    const sms = createChannel(
      readConfig({
        NOTIFY_API_KEY: API_KEY,
        NOTIFY_BASE_URL: notify.baseUrl,
        NOTIFY_TEMPLATE_REMINDER: RESET_TEMPLATE,
      }),
    )!;
    await store.outbox.enqueue({ channel: 'sms', template: 'reminder', recipient: '07700900123', payload: { n: 1 } });
    now = new Date(now.getTime() + 3_600_000);
    const result = await startOutboxSender({ store, channel: sms, log: () => {} }, { autoStart: false }).runOnce();
    expect(result.sent).toBeGreaterThanOrEqual(1);
    expect(notify.received.at(-1)).toMatchObject({
      type: 'sms',
      phone_number: '07700900123',
      personalisation: { n: '1' },
    });
  });

  it('is refused by Notify with a wrong key, and records it as an auth error', async () => {
    const wrong = createChannel(
      readConfig({
        NOTIFY_API_KEY: `wrong-${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}-${'1'.repeat(8)}-1111-1111-1111-${'1'.repeat(12)}`,
        NOTIFY_BASE_URL: notify.baseUrl,
        NOTIFY_TEMPLATE_PASSWORD_RESET: RESET_TEMPLATE,
      }),
    )!;
    const id = await store.outbox.enqueue({
      channel: 'email',
      template: 'password-reset',
      recipient: 'kim@example.org',
      payload: {},
    });
    now = new Date(now.getTime() + 3_600_000);
    await startOutboxSender({ store, channel: wrong, log: () => {} }, { autoStart: false }).runOnce();
    const message = (await store.outbox.list()).find((m) => m.id === id)!;
    expect(message.lastError).toMatch(/Notify answered 403 \(AuthError/);
  });
});

describe('the sender loop', () => {
  let store: PeopleStore;
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    store = await createPeopleStore(database.config);
  });
  afterAll(async () => {
    await store.close();
    await database.dispose();
  });

  it('sends by itself every interval until stopped', async () => {
    const sent: number[] = [];
    const channel: NotificationChannel = {
      name: 'test',
      async send(message) {
        sent.push(message.id);
        return {};
      },
    };
    const id = await store.outbox.enqueue({ channel: 'email', template: 't', recipient: 'a@b.c', payload: {} });
    const loop = startOutboxSender({ store, channel, intervalMs: 20, log: () => {} });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await loop.stop();
    expect(sent).toEqual([id]);
  });
});
