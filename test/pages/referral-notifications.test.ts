/**
 * Referral notifications over HTTP: the notification choice on /account, and sending a new
 * referral link to the resident from the page that shows it.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/content/profile';
import { hashToken } from '../../src/people/tokens.ts';
import { setUpOrFailEveryTest, STORE_KINDS } from '../support/databases.ts';
import type { HttpClient, TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType, textOf } from '../support/sample';

const service = sampleOfType<Service>('service').find((s) => s.status === 'active')!;
const TOKEN_IN_PAGE = /\/r\/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2})/;

async function postForm(client: HttpClient, path: string, fields: [string, string][]) {
  return client.request(path, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe.each(STORE_KINDS)('referral notifications over HTTP on %s', (kind) => {
  let world: ReferralWorld;
  let connector: TestAccount;
  let asConnector: HttpClient;

  setUpOrFailEveryTest(async () => {
    world = await startReferralWorld(kind);
    connector = await world.account('connector');
    asConnector = await world.client(connector);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('saves the notification choice from the account page, and explains a missing one', async () => {
    const page = await asConnector.get('/account');
    expect(page.html).toContain('Email me straight away');
    expect(page.html).toContain('One email a day');
    const missing = await postForm(asConnector, '/account', [['action', 'notifications']]);
    expect(missing.status).toBe(400);
    expect(textOf(missing.html)).toContain('Choose how you want to be emailed about referrals');
    const saved = await postForm(asConnector, '/account', [
      ['action', 'notifications'],
      ['notification-frequency', 'daily'],
    ]);
    expect(saved.status).toBe(303);
    expect((await world.store.notifications.recipient(connector.id))?.frequency).toBe('daily');
    expect((await asConnector.get('/account')).html).toMatch(/value="daily"[^>]*checked|checked[^>]*value="daily"/);
  });

  it('texts a new link to the resident only with their agreement and never shows the number back in a URL', async () => {
    const added = await postForm(asConnector, '/referrals/basket', [
      ['action', 'add'],
      ['serviceId', service._id],
      ['return', '/referrals/new'],
    ]);
    expect(added.status).toBe(303);
    const made = await postForm(asConnector, '/referrals/new', [
      ['serviceId', service._id],
      ['expiryDays', '30'],
    ]);
    expect(made.status, textOf(made.html).slice(0, 400)).toBe(200);
    expect(made.html).toContain('Text it to the resident');
    const token = made.html.match(TOKEN_IN_PAGE)![1]!;
    const referral = (await world.store.referrals.findByTokenHash(hashToken(token)))!;

    const refused = await postForm(asConnector, `/referrals/${referral.id}/send-link`, [
      ['token', token],
      ['send-by', 'sms'],
      ['send-to', '07700 900123'],
    ]);
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('Confirm the resident agreed to get this message');

    const sent = await postForm(asConnector, `/referrals/${referral.id}/send-link`, [
      ['token', token],
      ['send-by', 'sms'],
      ['send-to', '07700 900123'],
      ['send-consent', 'yes'],
    ]);
    expect(sent.status).toBe(303);
    expect(sent.location).toBe(`/referrals/${referral.id}?link-sent=sms`);
    const queued = (await world.store.outbox.list()).filter((m) => m.template === 'referral-link-sms');
    expect(queued.map((m) => m.recipient)).toEqual(['07700900123']);

    const other = await world.client(await world.account('connector'));
    const notTheirs = await postForm(other, `/referrals/${referral.id}/send-link`, [
      ['token', token],
      ['send-by', 'sms'],
      ['send-to', '07700 900123'],
      ['send-consent', 'yes'],
    ]);
    expect(notTheirs.status).toBe(404);
  });
});
