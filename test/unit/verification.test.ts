/**
 * The verification cycle: stages around their boundaries (London days, per-category periods),
 * the signed "still accurate" link, search leaving dropped listings out and ranking past-due
 * ones lower, "still accurate" publishing through the content store, and the reminder job
 * sending each stage once to that organisation's members only (on node:sqlite and PostgreSQL).
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredDocument } from '../../src/content/dataset';
import { countListings } from '../../src/content/counts';
import { createEmbeddedSource } from '../../src/content/embedded';
import type { ContentStore } from '../../src/content/source';
import { ListingError } from '../../src/listings/changes';
import { CHECK_LINK_DAYS, signCheckToken, verifyCheckToken } from '../../src/listings/check-link';
import { REMINDER_TEMPLATES, sendReviewReminders } from '../../src/listings/review-reminders';
import { buildReviewDashboard, reviewStatuses } from '../../src/listings/reviews';
import { confirmStillAccurate, LINK_SUBMITTER, listingToConfirm } from '../../src/listings/still-accurate';
import { listedOnly, reviewPeriodOf, verificationOf } from '../../src/listings/verification';
import { createPeopleStore, type PeopleStore } from '../../src/people/store';
import { searchDocumentsQuery, serviceBySlugQuery } from '../../src/queries';
import { addMonths, createSearchEngine } from '../../src/search/engine';
import { searchParams } from '../../src/search/params';
import { createTestDatabase, STORE_KINDS, type TestDatabase } from '../support/databases';
import { buildService, fixtureDataset, ids } from '../fixtures/dataset';

const SECRET = 'verification-tests-secret-0123456789-abcdefghijkl';
const at = (iso: string) => new Date(iso);

describe('verification stages', () => {
  it.each([
    ['2026-11-30T12:00:00Z', 'ok'],
    ['2026-12-01T12:00:00Z', 'due-soon'],
    ['2026-12-31T23:59:00Z', 'due-soon'],
    ['2027-01-01T00:00:00Z', 'due'],
    ['2027-01-31T12:00:00Z', 'due'],
    ['2027-02-01T00:00:00Z', 'overdue'],
    ['2027-03-31T22:30:00Z', 'overdue'], // 23:30 in London (BST)
    ['2027-03-31T23:30:00Z', 'dropped'], // already 1 April in London,
    ['2027-04-01T00:00:00Z', 'dropped'],
  ])('a listing checked on 1 January 2026 (12 months) is %s -> %s', (now, stage) => {
    expect(verificationOf('2026-01-01', null, at(now)).stage).toBe(stage);
  });

  it('gives the due, reminder and drop dates', () => {
    expect(verificationOf('2026-01-01', 12, at('2026-06-01T12:00:00Z'))).toEqual({
      stage: 'ok',
      verifiedOn: '2026-01-01',
      reviewEveryMonths: 12,
      dueOn: '2027-01-01',
      dueSoonFrom: '2026-12-01',
      overdueFrom: '2027-02-01',
      droppedFrom: '2027-04-01',
    });
  });

  it('counts London days: 23:30 UTC on 31 March in summer time is already 1 April', () => {
    // Checked 1 April 2025: due 1 April 2026. At 23:30 UTC on 31 March 2026 London (BST) is 00:30 on 1 April.
    expect(verificationOf('2025-04-01', 12, at('2026-03-31T22:59:00Z')).stage).toBe('due-soon');
    expect(verificationOf('2025-04-01', 12, at('2026-03-31T23:30:00Z')).stage).toBe('due');
  });

  it('clamps to the end of a shorter month: checked 31 August, 6 months, is due on 28 February', () => {
    expect(verificationOf('2026-08-31', 6, at('2026-09-01T12:00:00Z')).dueOn).toBe('2027-02-28');
  });

  it('takes the shortest period of a listing’s categories, and 12 months when none sets one', () => {
    expect(reviewPeriodOf([12, 6, undefined])).toBe(6);
    expect(reviewPeriodOf([null, undefined])).toBe(12);
    expect(reviewPeriodOf([])).toBe(12);
    expect(reviewPeriodOf(3)).toBe(3);
    expect(verificationOf('2026-01-01', 6, at('2026-07-01T12:00:00Z')).stage).toBe('due');
    expect(verificationOf('2026-01-01', 12, at('2026-07-01T12:00:00Z')).stage).toBe('ok');
  });

  it('treats a listing never checked as dropped', () => {
    expect(verificationOf(undefined, 12, at('2026-07-01T12:00:00Z')).stage).toBe('dropped');
    expect(verificationOf('not a date', 12, at('2026-07-01T12:00:00Z')).stage).toBe('dropped');
  });

  it('keeps every listing but the dropped ones in browse lists', () => {
    const listed = listedOnly(
      [
        { name: 'fresh', verifiedOn: '2026-10-01', reviewEveryMonths: null },
        { name: 'due', verifiedOn: '2025-11-01', reviewEveryMonths: null },
        { name: 'dropped', verifiedOn: '2025-07-01', reviewEveryMonths: null },
        { name: 'dropped sooner', verifiedOn: '2026-01-01', reviewEveryMonths: 6 },
      ],
      at('2026-12-03T12:00:00Z'),
    );
    expect(listed.map((s) => s.name)).toEqual(['fresh', 'due']);
  });

  it('leaves dropped listings out of the home page counts', () => {
    const counts = countListings(
      {
        services: [
          { categories: ['c'], areas: ['a'], verifiedOn: '2026-10-01', reviewEveryMonths: null },
          { categories: ['c'], areas: ['a'], verifiedOn: '2025-07-01', reviewEveryMonths: null },
        ],
        parents: [],
      },
      at('2026-12-03T12:00:00Z'),
    );
    expect([counts.byCategory.get('c'), counts.byArea.get('a')]).toEqual([1, 1]);
  });

  it('the search engine’s month arithmetic agrees with luxon on every day of two years', () => {
    const start = Date.UTC(2025, 0, 1);
    for (let d = 0; d < 731; d++) {
      const day = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
      for (const months of [1, 6, 12, 13]) {
        const expected = verificationOf(day, months, at('2025-01-01T12:00:00Z'));
        const dayNumber = Number(day.replace(/-/g, ''));
        expect(addMonths(dayNumber, months)).toBe(Number(expected.dueOn.replace(/-/g, '')));
        expect(addMonths(addMonths(dayNumber, months), 3)).toBe(Number(expected.droppedFrom.replace(/-/g, '')));
      }
    }
  });
});

describe('the "still accurate" link', () => {
  const serviceId = ids.walking;
  const now = at('2026-12-03T10:00:00Z');

  it('carries the service, the stage and the expiry, and nothing else', () => {
    const token = signCheckToken(SECRET, { serviceId, stage: 'due', now });
    const payload = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8'));
    expect(Object.keys(payload).sort()).toEqual(['e', 'g', 's']);
    expect(verifyCheckToken(SECRET, token, now)).toEqual({
      ok: true,
      claims: {
        serviceId,
        stage: 'due',
        expiresAt: new Date(Math.floor((now.getTime() + CHECK_LINK_DAYS * 86_400_000) / 1000) * 1000),
      },
    });
  });

  it('expires after 45 days', () => {
    const token = signCheckToken(SECRET, { serviceId, stage: 'due-soon', now });
    expect(verifyCheckToken(SECRET, token, new Date(now.getTime() + 44 * 86_400_000)).ok).toBe(true);
    expect(verifyCheckToken(SECRET, token, new Date(now.getTime() + 45 * 86_400_000 + 1000))).toEqual({
      ok: false,
      reason: 'expired',
    });
  });

  it('refuses a token signed with another secret, an edited payload and garbage, without throwing', () => {
    const token = signCheckToken(SECRET, { serviceId, stage: 'overdue', now });
    expect(verifyCheckToken('another-secret-0123456789-abcdefghijklmnopq', token, now)).toEqual({
      ok: false,
      reason: 'invalid',
    });
    const [, signature] = token.split('.');
    const edited = Buffer.from(JSON.stringify({ s: ids.fiveASide, g: 'overdue', e: 4_102_444_800 })).toString(
      'base64url',
    );
    expect(verifyCheckToken(SECRET, `${edited}.${signature}`, now).ok).toBe(false);
    // A later expiry, signed by someone who does not know the secret.
    for (const junk of ['', '.', 'abc', 'a.b.c', `${token}x`, '%00', 'x'.repeat(5000), `${token.split('.')[0]}.`]) {
      expect(verifyCheckToken(SECRET, junk, now)).toEqual({ ok: false, reason: 'invalid' });
    }
  });
});

/** The fixture dataset with the money category checked every 6 months, plus `extra`. */
function dataset(extra: StoredDocument[] = []): StoredDocument[] {
  return [...fixtureDataset().map((doc) => (doc._id === ids.money ? { ...doc, reviewEveryMonths: 6 } : doc)), ...extra];
}

describe('search and the verification cycle', () => {
  const now = at('2026-12-03T12:00:00Z');
  const knitting = (
    id: string,
    verifiedOn: string,
    categories: { _type: string; _ref: string; _key: string }[] = [{ _type: 'reference', _ref: ids.sport, _key: 'c1' }],
  ) =>
    buildService({
      _id: id,
      name: `Knitting Circle ${id.slice(-1)}`,
      slug: { _type: 'slug', current: `knitting-circle-${id.slice(-1)}` },
      tags: ['knitting'],
      categories,
      verifiedOn,
    });
  const fresh = '66666666-6666-4666-8666-666666666661';
  const pastDue = '66666666-6666-4666-8666-666666666662';
  const dropped = '66666666-6666-4666-8666-666666666663';
  const droppedSooner = '66666666-6666-4666-8666-666666666664';
  const money = [{ _type: 'reference', _ref: ids.money, _key: 'c1' }];

  async function engine() {
    const documents = await createEmbeddedSource(
      dataset([
        knitting(fresh, '2026-10-01'),
        knitting(pastDue, '2025-11-15'),
        knitting(dropped, '2025-08-01'),
        // 6 months (money): due 1 June, dropped from 1 September.
        knitting(droppedSooner, '2025-12-01', money),
      ]),
    ).fetch(searchDocumentsQuery);
    return createSearchEngine(documents);
  }

  it('leaves out listings three months past their due date, with their category’s shorter period', async () => {
    const results = (await engine()).search(searchParams({ q: 'knitting' }), now).results;
    expect(results.map((r) => [r.id, r.stale])).toEqual([
      [fresh, false],
      [pastDue, true],
    ]);
  });

  it('ranks a past-due listing lower by an explicit factor, and shows it again once checked', async () => {
    const search = await engine();
    const [first, second] = search.search(searchParams({ q: 'knitting' }), now).results;
    expect(second!.score / first!.score).toBeCloseTo(0.6, 2);
    // Two months earlier the dropped one was only past due: back in the results, below the fresh one.
    const earlier = search.search(searchParams({ q: 'knitting' }), at('2026-07-15T12:00:00Z')).results;
    expect(earlier.map((r) => r.id)).toContain(dropped);
    expect(earlier[0]!.id).toBe(fresh);
  });

  it('does not count dropped listings in the suggestions to loosen a search', async () => {
    const search = await engine();
    const response = search.search(
      searchParams({ q: 'knitting', free: false, accepting: true, area: ['newham'] }),
      now,
    );
    for (const suggestion of response.loosen) {
      expect(search.search(suggestion.params, now).total).toBe(suggestion.count);
    }
  });
});

async function addUser(store: PeopleStore, role: 'partner' | 'editor'): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  const email = `${role}-${id.slice(0, 8)}@example.org`;
  const stamp = new Date().toISOString();
  await store.db
    .insertInto('user')
    .values({
      id,
      name: 'Someone',
      email,
      emailVerified: 1,
      image: null,
      createdAt: stamp,
      updatedAt: stamp,
      twoFactorEnabled: null,
      role,
    })
    .execute();
  return { id, email };
}

describe.each(STORE_KINDS)('the verification cycle on %s', (kind) => {
  let database: TestDatabase;
  let people: PeopleStore;
  let content: ContentStore;
  let clock = at('2026-08-02T08:00:00Z');

  beforeEach(async () => {
    database = await createTestDatabase(kind);
    people = await createPeopleStore(database.config, { clock: () => clock });
    content = createEmbeddedSource(
      dataset([
        // Park Runners' knitting circle: checked 1 September 2025, due 1 September 2026.
        buildService({
          _id: '66666666-6666-4666-8666-666666666661',
          name: 'Knitting Circle',
          verifiedOn: '2025-09-01',
        }),
      ]),
    );
  });
  afterEach(async () => {
    await people.close();
    await database.dispose();
  });

  it('reminds each stage once, only to the members of the listing’s organisation', async () => {
    const member = await addUser(people, 'partner');
    const otherMember = await addUser(people, 'partner');
    const stranger = await addUser(people, 'partner');
    await people.memberships.add(member.id, ids.parkRunners);
    await people.memberships.add(otherMember.id, ids.parkRunners);
    await people.memberships.add(stranger.id, ids.moneyWise);
    const options = { siteUrl: 'https://signpost.test', secret: SECRET };
    const knittingReminders = async () =>
      (await people.outbox.list({ limit: 100 })).filter((m) => m.payload.service === 'Knitting Circle');

    clock = at('2026-08-02T08:00:00Z'); // a month before 1 September: due soon
    expect((await sendReviewReminders(people, content, options))['due-soon']).toBeGreaterThanOrEqual(1);
    await sendReviewReminders(people, content, options);
    let sent = await knittingReminders();
    expect(sent.map((m) => [m.template, m.recipient]).sort()).toEqual(
      [
        [REMINDER_TEMPLATES['due-soon'], member.email],
        [REMINDER_TEMPLATES['due-soon'], otherMember.email],
      ].sort(),
    );
    const link = String(sent[0]!.payload.link);
    const token = link.split('/listings/check/')[1]!;
    expect(verifyCheckToken(SECRET, token, clock)).toMatchObject({ ok: true, claims: { stage: 'due-soon' } });
    expect(link).not.toContain(member.email);

    clock = at('2026-09-01T08:00:00Z'); // the due date
    await sendReviewReminders(people, content, options);
    clock = at('2026-10-05T08:00:00Z'); // a month after: urgent
    await sendReviewReminders(people, content, options);
    await sendReviewReminders(people, content, options);
    clock = at('2026-12-05T08:00:00Z'); // dropped: nothing more
    await sendReviewReminders(people, content, options);
    sent = await knittingReminders();
    const byTemplate = (template: string) => sent.filter((m) => m.template === template).length;
    expect(byTemplate('listing-review-due-soon')).toBe(2);
    expect(byTemplate('listing-review-due')).toBe(2);
    expect(byTemplate('listing-review-overdue')).toBe(2);
    expect(sent.some((m) => m.recipient === stranger.email)).toBe(false);
  });

  it('"still accurate" publishes today’s date and the organisation, patches the draft, and starts a new cycle', async () => {
    const member = await addUser(people, 'partner');
    await people.memberships.add(member.id, ids.parkRunners);
    clock = at('2026-10-05T08:00:00Z');
    const deps = { content, people };
    const options = { siteUrl: 'https://signpost.test', secret: SECRET };
    await sendReviewReminders(people, content, options);
    const id = '66666666-6666-4666-8666-666666666661';
    const [published] = await content.getDocuments([id]);
    await content.commit([
      { create: { ...published!, _id: `drafts.${id}`, summary: 'A pending edit of the knitting circle.' } },
    ]);

    const confirmed = await confirmStillAccurate(
      deps,
      { kind: 'link', stage: 'overdue' },
      { serviceId: id, now: clock },
    );
    expect(confirmed).toMatchObject({ verifiedOn: '2026-10-05', verifiedBy: 'Park Runners Haringey', changed: true });
    const page = await content.fetch(serviceBySlugQuery, { slug: 'knitting-circle' });
    expect([page?.verifiedOn, page?.verifiedBy]).toEqual(['2026-10-05', 'Park Runners Haringey']);
    const [draft] = await content.getDocuments([`drafts.${id}`]);
    expect([draft?.verifiedOn, draft?.summary]).toEqual(['2026-10-05', 'A pending edit of the knitting circle.']);

    const changes = await people.contentChanges.list({ documentId: id });
    expect(changes[0]).toMatchObject({ kind: 'live', status: 'published', submittedBy: LINK_SUBMITTER });
    expect(changes[0]!.fields).toEqual(['verifiedOn', 'verifiedBy']);
    expect((await people.contentChanges.versions(id))[0]?.snapshot.verifiedOn).toBe('2026-10-05');
    const audit = await people.audit.list({ subjectId: id });
    expect(audit.map((entry) => entry.action)).toContain('listing.still-accurate');

    // Confirming twice the same day writes nothing more.
    expect(
      (await confirmStillAccurate(deps, { kind: 'link', stage: 'overdue' }, { serviceId: id, now: clock })).changed,
    ).toBe(false);
    expect(await listingToConfirm(deps, id, clock)).toMatchObject({
      verification: { stage: 'ok', dueOn: '2027-10-05' },
    });
    // The new date starts a new cycle: its own due-soon reminder, eleven months on.
    clock = at('2027-09-10T08:00:00Z');
    await sendReviewReminders(people, content, options);
    const reminders = await people.reviewReminders.list([id]);
    expect(reminders.map((r) => [r.verifiedOn, r.stage])).toEqual([
      ['2026-10-05', 'due-soon'],
      ['2025-09-01', 'overdue'],
    ]);
  });

  it('a partner may confirm only their own organisation’s listings', async () => {
    const stranger = await addUser(people, 'partner');
    const editor = { userId: stranger.id, role: 'partner' as const, organisationIds: [ids.moneyWise] };
    await expect(
      confirmStillAccurate({ content, people }, { kind: 'account', editor }, { serviceId: ids.walking, now: clock }),
    ).rejects.toBeInstanceOf(ListingError);
    const own = await confirmStillAccurate(
      { content, people },
      { kind: 'account', editor },
      { serviceId: ids.debtHelpline, now: clock },
    );
    expect(own.verifiedBy).toBe('MoneyWise Newham');
  });

  it('the editors’ dashboard groups listings needing a check by organisation and by area, with counts', async () => {
    clock = at('2026-12-03T12:00:00Z');
    const dashboard = buildReviewDashboard(await reviewStatuses(content, clock));
    expect(dashboard.items.map((item) => item.listing.name)).toContain('Knitting Circle');
    const parkRunners = dashboard.byOrganisation.find((group) => group.name === 'Park Runners Haringey');
    expect(parkRunners?.counts.dropped).toBe(1);
    expect(parkRunners?.items.map((item) => item.verification.stage)).toEqual(['dropped']);
    expect(dashboard.byArea.map((group) => group.name)).toContain('Haringey');
    expect(
      dashboard.counts.dropped + dashboard.counts.overdue + dashboard.counts.due + dashboard.counts['due-soon'],
    ).toBe(dashboard.items.length);
  });
});
