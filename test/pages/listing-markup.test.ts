/**
 * Markup and script a partner types into any text field of a listing stay text wherever the
 * listing appears: the partner's own pages, the editor's queue, diff and preview, the published
 * service page, search, the organisation page, the ORUK feed and the search API (JSON, never
 * sniffed as HTML), and the editor's message back to the partner.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../../src/content/profile';
import type { TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType } from '../support/sample';
import { formEntries, valueOf, withValues } from '../support/forms.ts';

const IMG = '<img src=x onerror=alert(1)>';
const SCRIPT = '</script><script>alert(2)</script>';
const service = sampleOfType<Service>('service').find((s) => s.status === 'active' && (s.locations?.length ?? 0) > 0)!;

let world: ReferralWorld;
let partner: TestAccount;
let editor: TestAccount;

beforeAll(async () => {
  world = await startReferralWorld('sqlite');
  partner = await world.account('partner', { organisationIds: [service.organisation._ref] });
  editor = await world.account('editor');
}, 120_000);
afterAll(() => world?.close());

/** The page holds no element a payload made: JSON islands are checked apart, attribute values are text. */
function expectInert(html: string, where: string) {
  const islands = [...html.matchAll(/<script[^>]*type="application\/(?:ld\+)?json"[^>]*>([\s\S]*?)<\/script>/g)];
  for (const [, json] of islands) expect(json, `${where}: JSON island`).not.toMatch(/<\/?script|<img/i);
  const markup = html
    .replace(/<script[^>]*type="application\/(?:ld\+)?json"[^>]*>[\s\S]*?<\/script>/g, '')
    .replace(/="[^"]*"/g, '');
  expect(markup, where).not.toContain('<img src=x');
  expect(markup, where).not.toContain('<script>alert(2)');
}

it('renders every text field inert everywhere the listing appears', async () => {
  const client = await world.client(partner);
  const path = `/partner/listings/${service._id}`;
  const form = formEntries((await client.get(path)).html, 'value="save"');
  const schedule = Number(valueOf(form, 'schedules-rows')) - 1;
  const contact = Number(valueOf(form, 'contacts-rows')) - 1;
  const name = `Zanzibar club ${IMG}`;
  const sent = await client.post(
    path,
    withValues(form, {
      name,
      summary: `A summary with ${IMG} and ${SCRIPT} inside it`,
      description: `${service.description} ${IMG} ${SCRIPT}`,
      forWhom: `Adults ${IMG}`,
      accessDetails: `Bring ${SCRIPT}`,
      free: 'no',
      costDetails: `£2 ${IMG}`,
      languages: `English, Tur${IMG}`,
      [`schedules-${schedule}-frequency`]: 'weekly',
      [`schedules-${schedule}-day`]: 'monday',
      [`schedules-${schedule}-opensAt`]: '10:00',
      [`schedules-${schedule}-closesAt`]: '11:00',
      [`schedules-${schedule}-note`]: `Term time ${IMG}`,
      [`contacts-${contact}-name`]: `Sam ${IMG}`,
      [`contacts-${contact}-role`]: `Lead ${SCRIPT}`,
      [`contacts-${contact}-email`]: 'sam@example.org',
    }),
  );
  expect(sent.status, /error-summary[\s\S]*?<\/ul>/.exec(sent.html)?.[0]).toBe(303);
  expectInert((await client.get(path)).html, 'edit page');
  expectInert((await client.get('/partner/listings')).html, 'partner listings');

  const reviewer = await world.client(editor);
  const change = (await world.store.contentChanges.list({ status: 'pending', documentId: service._id }))[0]!;
  const queue = await reviewer.get('/editor/changes');
  expectInert(queue.html, 'editor queue');
  const review = await reviewer.get(`/editor/changes/${change.id}`);
  expect(review.html).toContain('&lt;img src=x');
  expectInert(review.html, 'diff');
  const preview = /href="(\/services\/[^"]+\?preview=[^"]+)"/.exec(review.html)![1]!.replace(/&amp;/g, '&');
  expectInert((await reviewer.get(preview)).html, 'preview');

  const approve = withValues(formEntries(review.html, 'value="approve"'), { flagsChecked: 'yes' });
  expect((await reviewer.post(`/editor/changes/${change.id}`, approve)).status).toBe(303);
  await expect
    .poll(
      async () =>
        (await fetch(new URL(`/services/${service.slug.current}`, world.baseUrl)).then((r) => r.text())).includes(
          'Zanzibar',
        ),
      {
        timeout: 5000,
      },
    )
    .toBe(true);
  const page = await fetch(new URL(`/services/${service.slug.current}`, world.baseUrl)).then((r) => r.text());
  expect(page).toContain('Zanzibar club &lt;img src=x');
  expectInert(page, 'service page');
  expectInert(await fetch(new URL('/search?q=zanzibar', world.baseUrl)).then((r) => r.text()), 'search page');
  expectInert(await reviewer.get(`/editor/listings/${service._id}`).then((r) => r.html), 'version history');

  for (const api of [`/api/oruk/services/${service._id}`, '/api/search?q=zanzibar']) {
    const response = await fetch(new URL(api, world.baseUrl));
    expect(response.headers.get('content-type'), api).toMatch(/^application\/json/);
    expect(response.headers.get('x-content-type-options'), api).toBe('nosniff');
    expect(await response.text(), api).toContain('Zanzibar');
  }

  // The editor's message back to the partner: inert on their page, sanitised by Notify in the email.
  const again = formEntries((await client.get(path)).html, 'value="save"');
  const resent = await client.post(path, withValues(again, { summary: 'Another summary for the editor to read' }));
  expect(resent.status, /error-summary[\s\S]*?<\/ul>/.exec(resent.html)?.[0]).toBe(303);
  const next = (await world.store.contentChanges.list({ status: 'pending', documentId: service._id }))[0]!;
  const returned = await reviewer.post(`/editor/changes/${next.id}`, {
    action: 'return',
    message: `Please check ${IMG} ${SCRIPT}`,
  });
  expect(returned.status).toBe(303);
  expectInert((await client.get('/partner/listings')).html, 'returned message');
  const [email] = await world.store.outbox.list({ limit: 1 });
  expect(email).toMatchObject({ template: 'listing-change-returned' });
});
