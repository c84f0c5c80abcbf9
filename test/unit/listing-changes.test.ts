import { randomUUID } from 'node:crypto';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmbeddedSource } from '../../src/content/embedded';
import { createHostedSource } from '../../src/content/hosted';
import type { ContentStore } from '../../src/content/source';
import { startContentLake, type ContentLakeStandIn } from '../support/content-lake';
import type { StoredDocument } from '../../src/content/dataset';
import { diffDocuments } from '../../src/listings/diff';
import { flagsFor } from '../../src/listings/flags';
import {
  approveChange,
  ListingError,
  openListing,
  proposeChange,
  publishLiveFields,
  restoreVersion,
  returnChange,
  reviewChange,
  type Editor,
} from '../../src/listings/changes';
import { createPeopleStore, type PeopleStore } from '../../src/people/store';
import { serviceBySlugQuery } from '../../src/queries';
import { createTestDatabase, type TestDatabase } from '../support/databases';
import { fixtureDataset, ids } from '../fixtures/dataset';

const SITE = 'https://signpost.test';

async function addUser(store: PeopleStore, role: 'partner' | 'editor'): Promise<string> {
  const id = randomUUID();
  const now = new Date().toISOString();
  await store.db
    .insertInto('user')
    .values({
      id,
      name: 'Someone',
      email: `${id}@example.org`,
      emailVerified: 1,
      image: null,
      createdAt: now,
      updatedAt: now,
      twoFactorEnabled: null,
      role,
    })
    .execute();
  return id;
}

describe('diffDocuments', () => {
  it('names a changed session time inside a schedule, not the whole list', () => {
    const before = {
      name: 'Club',
      schedules: [
        { _key: 'a', _type: 'schedule', day: 'tuesday', opensAt: '10:00', closesAt: '12:00' },
        { _key: 'b', _type: 'schedule', day: 'friday', opensAt: '14:00', closesAt: '15:00' },
      ],
    };
    const after = {
      name: 'Club',
      schedules: [
        { _key: 'a', _type: 'schedule', day: 'tuesday', opensAt: '10:00', closesAt: '12:30' },
        { _key: 'c', _type: 'schedule', day: 'sunday', opensAt: '09:00', closesAt: '10:00' },
      ],
    };
    const diff = diffDocuments(before, after);
    expect(diff).toEqual([
      {
        path: 'schedules[a].closesAt',
        label: 'Sessions › Tuesday 10:00 › Ends at',
        change: 'changed',
        before: '12:00',
        after: '12:30',
      },
      { path: 'schedules[c]', label: 'Sessions › Sunday 09:00', change: 'added', after: after.schedules[1] },
      { path: 'schedules[b]', label: 'Sessions › Friday 14:00', change: 'removed', before: before.schedules[1] },
    ]);
  });

  it('compares nested objects field by field and lists as a whole', () => {
    const diff = diffDocuments(
      { address: { line1: '1 High Road', postcode: 'N17 9LA' }, languages: ['English'] },
      { address: { line1: '2 High Road', postcode: 'N17 9LA' }, languages: ['English', 'Turkish'] },
    );
    expect(diff.map((entry) => entry.path)).toEqual(['address.line1', 'languages']);
  });

  it('ignores the fields the store maintains', () => {
    expect(diffDocuments({ _rev: 'a', _updatedAt: 'x', name: 'A' }, { _rev: 'b', _updatedAt: 'y', name: 'A' })).toEqual(
      [],
    );
  });
});

describe('flagsFor', () => {
  it('flags new text quoting a phone number or mentioning crisis support', () => {
    const flags = flagsFor(diffDocuments({ description: 'Tea' }, { description: 'In a crisis call 020 7946 0000' }));
    expect(flags).toEqual(['phone-number', 'crisis']);
  });

  it('raises nothing for ordinary text', () => {
    expect(flagsFor(diffDocuments({ summary: 'Tea' }, { summary: 'Tea and cake on Tuesdays from 10' }))).toEqual([]);
  });
});

describe.each(['embedded', 'hosted'] as const)('listing changes on the %s content store', (kind) => {
  let database: TestDatabase;
  let people: PeopleStore;
  let content: ContentStore;
  let lake: ContentLakeStandIn | undefined;
  let partner: Editor;
  let otherPartner: Editor;
  let editor: Editor;

  beforeEach(async () => {
    await people?.close();
    await database?.dispose();
    database = await createTestDatabase('sqlite');
    people = await createPeopleStore(database.config);
    await lake?.close();
    if (kind === 'embedded') {
      content = createEmbeddedSource(fixtureDataset());
    } else {
      lake = await startContentLake(fixtureDataset());
      content = createHostedSource({
        projectId: 'standin',
        dataset: 'production',
        apiVersion: '2025-02-19',
        apiHost: lake.url,
        timeoutMs: 3000,
        writeToken: 'portal-write-token',
      });
    }
    partner = { userId: await addUser(people, 'partner'), role: 'partner', organisationIds: [ids.parkRunners] };
    otherPartner = { userId: await addUser(people, 'partner'), role: 'partner', organisationIds: [ids.moneyWise] };
    editor = { userId: await addUser(people, 'editor'), role: 'editor', organisationIds: [] };
  });

  afterAll(async () => {
    await people?.close();
    await database?.dispose();
    await lake?.close();
  });

  const deps = () => ({ content, people, siteUrl: SITE });
  const slugOf = (document: StoredDocument) => (document.slug as { current: string }).current;

  async function propose(name: string) {
    const opened = await openListing(deps(), partner, ids.fiveASide);
    return proposeChange(deps(), partner, { document: { ...opened.current, name }, openedRev: opened.rev });
  }

  it('keeps a partner edit as a pending draft that the public never sees', async () => {
    const { change } = await propose('Tottenham Five-a-side Evenings');
    expect(change).toMatchObject({
      status: 'pending',
      kind: 'edit',
      fields: ['name'],
      organisationId: ids.parkRunners,
    });
    const [draft] = await content.getDocuments([`drafts.${ids.fiveASide}`]);
    expect(draft?.name).toBe('Tottenham Five-a-side Evenings');
    const served = await content.fetch(serviceBySlugQuery, { slug: 'tottenham-five-a-side' });
    expect(served?.name).toBe('Tottenham Five-a-side');
    expect((await people.audit.list({ action: 'listing.propose' }))[0]?.subjectId).toBe(ids.fiveASide);
  });

  it('publishes an approved change through the write path and keeps the version', async () => {
    const { change } = await propose('Tottenham Five-a-side Evenings');
    const review = await reviewChange(deps(), change.id);
    expect(review.diff.map((entry) => entry.path)).toEqual(['name']);
    await approveChange(deps(), editor, { changeId: change.id, reviewedRev: String(review.draft!._rev) });
    const served = await content.fetch(serviceBySlugQuery, { slug: 'tottenham-five-a-side' });
    expect(served?.name).toBe('Tottenham Five-a-side Evenings');
    expect((await content.getDocuments([`drafts.${ids.fiveASide}`]))[0]).toBeNull();
    expect((await people.contentChanges.get(change.id))?.status).toBe('published');
    expect((await people.contentChanges.versions(ids.fiveASide)).map((v) => v.action)).toEqual(['approve']);
    const told = await people.outbox.list();
    expect(told[0]).toMatchObject({ template: 'listing-change-published' });
  });

  it('tells the second of two people editing the same listing that it changed since they opened it', async () => {
    const first = await openListing(deps(), partner, ids.fiveASide);
    const second = await openListing(deps(), partner, ids.fiveASide);
    await proposeChange(deps(), partner, {
      document: { ...first.current, name: 'First Name Here' },
      openedRev: first.rev,
    });
    const refused = proposeChange(deps(), partner, {
      document: { ...second.current, name: 'Second Name Here' },
      openedRev: second.rev,
    });
    await expect(refused).rejects.toMatchObject({
      reason: 'conflict',
      message: expect.stringMatching(/changed this listing since you opened it/),
    });
    expect((await content.getDocuments([`drafts.${ids.fiveASide}`]))[0]?.name).toBe('First Name Here');
  });

  it('refuses to approve a draft changed after the editor reviewed it', async () => {
    const { change } = await propose('Reviewed Name');
    const review = await reviewChange(deps(), change.id);
    const reopened = await openListing(deps(), partner, ids.fiveASide);
    await proposeChange(deps(), partner, {
      document: { ...reopened.current, name: 'Sneaky Name' },
      openedRev: reopened.rev,
    });
    await expect(
      approveChange(deps(), editor, { changeId: change.id, reviewedRev: String(review.draft!._rev) }),
    ).rejects.toMatchObject({ reason: expect.stringMatching(/conflict|not-pending/) });
    expect((await content.fetch(serviceBySlugQuery, { slug: 'tottenham-five-a-side' }))?.name).toBe(
      'Tottenham Five-a-side',
    );
  });

  it('rejects a field that breaks the content profile, with the message at the field', async () => {
    const opened = await openListing(deps(), partner, ids.fiveASide);
    const refused = proposeChange(deps(), partner, {
      document: { ...opened.current, summary: 'Too short' },
      openedRev: opened.rev,
    });
    await expect(refused).rejects.toBeInstanceOf(ListingError);
    const error = (await refused.catch((e: unknown) => e)) as ListingError;
    expect(error.reason).toBe('invalid');
    expect(error.problems.map((problem) => problem.path)).toContain('summary');
  });

  it('never lets a partner open or change another organisation’s listing', async () => {
    await expect(openListing(deps(), otherPartner, ids.fiveASide)).rejects.toMatchObject({ reason: 'not-found' });
    const [service] = await content.getDocuments([ids.fiveASide]);
    await expect(
      proposeChange(deps(), otherPartner, {
        document: { ...service!, name: 'Taken Over' },
        openedRev: String(service!._rev),
      }),
    ).rejects.toMatchObject({ reason: 'not-found' });
    // Nor by moving it to their own organisation.
    await expect(
      proposeChange(deps(), otherPartner, {
        document: { ...service!, organisation: { _type: 'reference', _ref: ids.moneyWise } },
        openedRev: String(service!._rev),
      }),
    ).rejects.toMatchObject({ reason: 'not-found' });
    await expect(
      approveChange(deps(), otherPartner, { changeId: randomUUID(), reviewedRev: 'x' }),
    ).rejects.toMatchObject({ reason: 'not-found' });
  });

  it('publishes "taking new people" at once, and a pending draft keeps it', async () => {
    const { change } = await propose('Five-a-side With A New Name');
    const opened = await openListing(deps(), partner, ids.fiveASide);
    const live = await publishLiveFields(deps(), partner, {
      id: ids.fiveASide,
      openedRev: opened.rev,
      set: { accepting: 'paused' },
    });
    expect(live).toMatchObject({ kind: 'live', status: 'published', fields: ['accepting'] });
    expect((await content.fetch(serviceBySlugQuery, { slug: 'tottenham-five-a-side' }))?.accepting).toBe('paused');
    const review = await reviewChange(deps(), change.id);
    await approveChange(deps(), editor, { changeId: change.id, reviewedRev: String(review.draft!._rev) });
    const served = await content.fetch(serviceBySlugQuery, { slug: 'tottenham-five-a-side' });
    expect(served).toMatchObject({ name: 'Five-a-side With A New Name', accepting: 'paused' });
    expect(await people.audit.list({ action: 'listing.publish-live' })).toHaveLength(1);
  });

  it('returns a change to its partner with the editor’s message, through the outbox', async () => {
    const { change } = await propose('Needs Work Name');
    await expect(returnChange(deps(), editor, { changeId: change.id, message: '' })).rejects.toMatchObject({
      reason: 'invalid',
    });
    await returnChange(deps(), editor, { changeId: change.id, message: 'Please add the <b>session</b> times.' });
    expect(await people.contentChanges.get(change.id)).toMatchObject({
      status: 'returned',
      message: 'Please add the <b>session</b> times.',
    });
    const [message] = await people.outbox.list();
    expect(message).toMatchObject({ template: 'listing-change-returned', recipient: `${partner.userId}@example.org` });
  });

  it('restores an earlier version as a new version', async () => {
    const first = await propose('Version Two Name');
    let review = await reviewChange(deps(), first.change.id);
    await approveChange(deps(), editor, { changeId: first.change.id, reviewedRev: String(review.draft!._rev) });
    const second = await propose('Version Three Name');
    review = await reviewChange(deps(), second.change.id);
    await approveChange(deps(), editor, { changeId: second.change.id, reviewedRev: String(review.draft!._rev) });
    const [older] = (await people.contentChanges.versions(ids.fiveASide)).slice(-1);
    const [current] = await content.getDocuments([ids.fiveASide]);
    await restoreVersion(deps(), editor, {
      documentId: ids.fiveASide,
      versionId: older!.id,
      openedRev: String(current!._rev),
    });
    const served = await content.fetch(serviceBySlugQuery, { slug: slugOf(current!) });
    expect(served?.name).toBe('Version Two Name');
    expect((await people.contentChanges.versions(ids.fiveASide)).map((v) => v.action)[0]).toMatch(/^restore/);
  });
});
