/**
 * Partners keep their listings right, editors decide, over HTTP against a real server on the
 * embedded content store: the partner's edit waits as a draft, the editor sees the diff and
 * approves, and the service page, search and the feed follow; nobody reaches another
 * organisation's listing; markup typed by a partner stays inert; an acknowledged edit survives
 * kill -9.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/content/profile';
import type { HttpClient, TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType, textOf } from '../support/sample';
import { formEntries, valueOf, withValues } from '../support/forms.ts';

const services = sampleOfType<Service>('service').filter((s) => s.status === 'active');
const serviceA = services[0]!;
const otherOfA = services.find((s) => s._id !== serviceA._id && s.organisation._ref === serviceA.organisation._ref);
const serviceB = services.find((s) => s.organisation._ref !== serviceA.organisation._ref)!;
const ORG_A = serviceA.organisation._ref;
const ORG_B = serviceB.organisation._ref;

let world: ReferralWorld;
let partnerA: TestAccount;
let partnerB: TestAccount;
let editor: TestAccount;

beforeAll(async () => {
  world = await startReferralWorld('sqlite');
  partnerA = await world.account('partner', { organisationIds: [ORG_A] });
  partnerB = await world.account('partner', { organisationIds: [ORG_B] });
  editor = await world.account('editor');
}, 120_000);
afterAll(() => world?.close());

/** The edit page's forms as they stand: the details (sent to an editor) and what publishes at once. */
const detailsForm = (html: string) => formEntries(html, 'value="save"');
const liveForm = (html: string) => formEntries(html, 'value="live"');

async function editSummary(client: HttpClient, serviceId: string, summary: string, more: Record<string, string> = {}) {
  const page = await client.get(`/partner/listings/${serviceId}`);
  expect(page.status).toBe(200);
  return client.post(`/partner/listings/${serviceId}`, withValues(detailsForm(page.html), { summary, ...more }));
}

async function within(ms: number, probe: () => Promise<boolean>): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await probe()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

describe('a partner edits, an editor approves', () => {
  it('publishes the change on the page, in search and in the feed only once approved', async () => {
    const partner = await world.client(partnerA);
    const summary = 'Quiznos kazoo mornings <script>alert(1)</script> for everyone who would like company';
    const sent = await editSummary(partner, serviceA._id, summary, {
      description: `${summary}. ${serviceA.description}`,
    });
    expect(sent.status).toBe(303);
    const listings = await partner.get('/partner/listings');
    expect(textOf(listings.html)).toContain('Waiting for an editor');

    const before = await fetch(new URL(`/services/${serviceA.slug.current}`, world.baseUrl)).then((r) => r.text());
    expect(before).not.toContain('Quiznos kazoo');

    const reviewer = await world.client(editor);
    const queue = await reviewer.get('/editor/changes');
    expect(queue.status).toBe(200);
    const link = new RegExp(
      `href="(/editor/changes/[0-9a-f-]{36})"[^>]*>${serviceA.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
    ).exec(queue.html);
    expect(link).not.toBeNull();
    const detail = await reviewer.get(link![1]!);
    expect(detail.status).toBe(200);
    expect(textOf(detail.html)).toContain('Quiznos kazoo');
    expect(detail.html).not.toContain('<script>alert(1)</script>');
    expect(detail.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');

    const preview = await reviewer.get(
      /href="(\/services\/[^"]+\?preview=[^"]+)"/.exec(detail.html)![1]!.replace(/&amp;/g, '&'),
    );
    expect(preview.status).toBe(200);
    expect(textOf(preview.html)).toContain('Quiznos kazoo');
    expect(preview.headers.get('cache-control')).toMatch(/no-store|private/);
    expect((await partner.get(/href="(\/services\/[^"]+\?preview=[^"]+)"/.exec(detail.html)![1]!)).status).toBe(200);
    const strangers = await world.client(partnerB);
    expect((await strangers.get(/href="(\/services\/[^"]+\?preview=[^"]+)"/.exec(detail.html)![1]!)).status).toBe(404);

    const approved = await reviewer.post(link![1]!, formEntries(detail.html, 'value="approve"'));
    expect(approved.status).toBe(303);
    const live = await within(5000, async () => {
      const [page, search, feed] = await Promise.all([
        fetch(new URL(`/services/${serviceA.slug.current}`, world.baseUrl)).then((r) => r.text()),
        fetch(new URL('/api/search?q=quiznos', world.baseUrl)).then(
          (r) => r.json() as Promise<{ results: { slug: string }[] }>,
        ),
        fetch(new URL(`/api/oruk/services/${serviceA._id}`, world.baseUrl)).then((r) => r.text()),
      ]);
      return (
        page.includes('Quiznos kazoo') &&
        // Inert inside an attribute value (the meta description); never as an element.
        !page.replace(/="[^"]*"/g, '').includes('<script>alert(1)') &&
        search.results.some((result) => result.slug === serviceA.slug.current) &&
        feed.includes('Quiznos kazoo')
      );
    });
    expect(live).toBe(true);
    expect(textOf((await partner.get('/partner/listings')).html)).toContain('Published');
    const history = await reviewer.get(`/editor/listings/${serviceA._id}`);
    expect(textOf(history.html)).toContain('approve');
  });

  it('returns a change with the editor’s message, which the partner then sees', async () => {
    const partner = await world.client(partnerA);
    expect(
      (await editSummary(partner, serviceA._id, 'A summary the editor will send back for more detail')).status,
    ).toBe(303);
    const change = (await world.store.contentChanges.list({ status: 'pending', documentId: serviceA._id }))[0]!;
    const reviewer = await world.client(editor);
    const empty = await reviewer.post(`/editor/changes/${change.id}`, { action: 'return', message: '' });
    expect(empty.status).toBe(400);
    expect(textOf(empty.html)).toContain('Tell the partner what needs changing');
    const sent = await reviewer.post(`/editor/changes/${change.id}`, {
      action: 'return',
      message: 'Say which days it runs.',
    });
    expect(sent.status).toBe(303);
    expect(textOf((await partner.get('/partner/listings')).html)).toContain('Say which days it runs.');
  });

  it('says which field is wrong, next to it, and keeps what was typed', async () => {
    const partner = await world.client(partnerA);
    const refused = await editSummary(partner, serviceA._id, 'Too short');
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toMatch(/Summary: must be at least 20 characters/);
    expect(refused.html).toMatch(/<textarea[^>]*id="summary"[^>]*>\s*Too short/);
  });

  it('publishes "taking new people" at once', async () => {
    const partner = await world.client(partnerA);
    const page = await partner.get(`/partner/listings/${serviceA._id}`);
    const next = serviceA.accepting === 'paused' ? 'yes' : 'paused';
    const sent = await partner.post(
      `/partner/listings/${serviceA._id}`,
      withValues(liveForm(page.html), { accepting: next }),
    );
    expect(sent.status).toBe(303);
    const feed = await fetch(new URL(`/api/oruk/services/${serviceA._id}`, world.baseUrl)).then((r) => r.text());
    expect(feed.length).toBeGreaterThan(0);
    const [published] = await (
      await import('../../src/content/dataset')
    )
      .readDataset(`${world.config.dataDir}/content/dataset.ndjson`)
      .then((docs) => docs.filter((d) => d._id === serviceA._id));
    expect(published?.accepting).toBe(next);
    expect(await world.store.audit.list({ action: 'listing.publish-live' })).toHaveLength(1);
  });

  it('publishes a closure at once, and says which closure date is wrong', async () => {
    const partner = await world.client(partnerA);
    const page = await partner.get(`/partner/listings/${serviceA._id}`);
    const fields = liveForm(page.html);
    const row = Number(valueOf(fields, 'closures-rows')) - 1;
    const bad = await partner.post(
      `/partner/listings/${serviceA._id}`,
      withValues(fields, {
        [`closures-${row}-from`]: '31/12/2026',
        [`closures-${row}-reason`]: 'Christmas <b>break</b>',
      }),
    );
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(new RegExp(`href="#closures-${row}-from"`));
    // What they typed comes back, inert (an attribute value, never an element).
    expect(bad.html).toMatch(/value="Christmas <b>break<\/b>"/);
    expect(bad.html.replace(/="[^"]*"/g, '')).not.toContain('<b>break');
    const good = await partner.post(
      `/partner/listings/${serviceA._id}`,
      withValues(fields, {
        [`closures-${row}-from`]: '2026-12-24',
        [`closures-${row}-to`]: '2027-01-02',
        [`closures-${row}-reason`]: 'Christmas <b>break</b>',
      }),
    );
    expect(good.status).toBe(303);
    const { readDataset } = await import('../../src/content/dataset');
    const published = (await readDataset(`${world.config.dataDir}/content/dataset.ndjson`)).find(
      (d) => d._id === serviceA._id,
    );
    expect(published?.closures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: '2026-12-24', to: '2027-01-02', reason: 'Christmas <b>break</b>' }),
      ]),
    );
    const servicePage = await fetch(new URL(`/services/${serviceA.slug.current}`, world.baseUrl)).then((r) => r.text());
    expect(servicePage).toContain('Christmas &lt;b&gt;break&lt;/b&gt;');
  });

  it('tells the second of two editors of one listing that it changed since they opened it', async () => {
    const partner = await world.client(partnerA);
    const first = await partner.get(`/partner/listings/${serviceA._id}`);
    const second = await partner.get(`/partner/listings/${serviceA._id}`);
    const one = await partner.post(
      `/partner/listings/${serviceA._id}`,
      withValues(detailsForm(first.html), { summary: 'The first person’s summary of this activity' }),
    );
    expect(one.status).toBe(303);
    const two = await partner.post(
      `/partner/listings/${serviceA._id}`,
      withValues(detailsForm(second.html), { summary: 'The second person’s summary of this activity' }),
    );
    expect(two.status).toBe(409);
    expect(textOf(two.html)).toContain('changed this listing since you opened it');
  });
});

describe('who may reach which listing', () => {
  it('gives a partner of another organisation 404 for every listing route, by any id', async () => {
    const stranger = await world.client(partnerB);
    expect((await stranger.get(`/partner/listings/${serviceA._id}`)).status).toBe(404);
    const page = await (await world.client(partnerA)).get(`/partner/listings/${serviceA._id}`);
    const post = await stranger.post(`/partner/listings/${serviceA._id}`, detailsForm(page.html));
    expect(post.status).toBe(404);
    expect(
      (
        await stranger.post(`/partner/listings/${serviceA._id}`, {
          action: 'live',
          accepting: 'paused',
          openedRev: 'x',
        })
      ).status,
    ).toBe(404);
    expect((await stranger.get(`/partner/listings/drafts.${serviceA._id}`)).status).toBe(404);
    expect((await stranger.get('/partner/listings/not-an-id')).status).toBe(404);
    expect(textOf((await stranger.get('/partner/listings')).html)).not.toContain(serviceA.name);
    if (otherOfA) expect(textOf((await stranger.get('/partner/listings')).html)).not.toContain(otherOfA.name);
  });

  it('keeps the editor queue, change pages and history for editors', async () => {
    const change = (await world.store.contentChanges.list({}))[0]!;
    for (const account of [partnerA, partnerB]) {
      const client = await world.client(account);
      for (const path of ['/editor/changes', `/editor/changes/${change.id}`, `/editor/listings/${serviceA._id}`]) {
        expect([403, 404]).toContain((await client.get(path)).status);
      }
      expect([403, 404]).toContain(
        (await client.post(`/editor/changes/${change.id}`, { action: 'approve', reviewedRev: 'x' })).status,
      );
    }
    const anonymous = await world.client();
    expect((await anonymous.get('/editor/changes')).status).toBe(303);
  });
});

describe('an acknowledged edit', () => {
  it('survives the server being killed with SIGKILL straight after', async () => {
    const partner = await world.client(partnerA);
    const summary = 'Kept through a crash: Thursday afternoon kazoo practice for all';
    expect((await editSummary(partner, serviceA._id, summary)).status).toBe(303);
    await world.server.kill('SIGKILL');
    await world.restart();
    const again = await world.client(partnerA);
    const page = await again.get(`/partner/listings/${serviceA._id}`);
    expect(page.html).toContain('Kept through a crash');
    expect(await world.store.contentChanges.list({ status: 'pending', documentId: serviceA._id })).toHaveLength(1);
  }, 60_000);
});
