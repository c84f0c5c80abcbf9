/**
 * "Mark as checked" records today's London date and the editor's name on a published service and
 * publishes it; it waits while the service has unpublished changes. Only services offer it.
 */
import { describe, expect, test } from 'vitest';
import type { DocumentActionComponent } from 'sanity';
import { documentActions, MarkAsCheckedAction } from '../../studio/actions';
import { checkerName, markAsCheckedPatch, markAsCheckedState } from '../../studio/lib/checked';
import { service as serviceProfile } from '../../src/content/profile';
import { buildService } from '../fixtures/dataset';

const published = { verifiedOn: '2025-10-01', verifiedBy: 'Haringey connector team' };
// 23:30 UTC on 31 March 2026 is already 1 April in London (BST).
const lateEvening = new Date('2026-03-31T23:30:00Z');

describe('the patch Mark as checked makes', () => {
  test('it sets "Verified on" to today in London and "Verified by" to the editor', () => {
    expect(markAsCheckedPatch('Amina Khan', lateEvening)).toEqual({
      set: { verifiedOn: '2026-04-01', verifiedBy: 'Amina Khan' },
    });
  });

  test('in winter, London midnight is UTC midnight', () => {
    expect(markAsCheckedPatch('Amina Khan', new Date('2026-12-03T23:59:00Z')).set.verifiedOn).toBe('2026-12-03');
  });

  test('the patched service still passes the content profile', () => {
    const { set } = markAsCheckedPatch('  A very long name '.padEnd(300, 'x'), lateEvening);
    const service = buildService({ _id: '55555555-5555-4555-8555-555555555598', name: 'Walking group', ...set });
    expect(set.verifiedBy.length).toBeLessThanOrEqual(120);
    expect(serviceProfile.safeParse(service).success).toBe(true);
  });

  test('the name recorded is the Sanity user name, trimmed; none or one letter is no name', () => {
    expect(checkerName({ name: '  Amina Khan ' })).toBe('Amina Khan');
    expect(checkerName({ name: 'A' })).toBeUndefined();
    expect(checkerName({ name: null })).toBeUndefined();
    expect(checkerName(null)).toBeUndefined();
  });
});

describe('when Mark as checked can run', () => {
  const state = (input: Partial<Parameters<typeof markAsCheckedState>[0]>) =>
    markAsCheckedState({ draft: null, published, version: null, checkedBy: 'Amina Khan', ...input }, lateEvening);

  test('a published service without unpublished changes can be marked as checked', () => {
    expect(state({})).toEqual({
      disabled: false,
      title: 'Sets "Verified on" to today (1 April 2026) and "Verified by" to Amina Khan, then publishes',
    });
  });

  test('unpublished changes must be published or discarded first, and it says so', () => {
    expect(state({ draft: { ...published, verifiedBy: 'Someone else' } })).toEqual({
      disabled: true,
      title: expect.stringContaining('unpublished changes. Publish or discard them first'),
    });
  });

  test('a service never published cannot be marked as checked', () => {
    expect(state({ published: null, draft: {} })).toMatchObject({
      disabled: true,
      title: expect.stringContaining('Publish this service first'),
    });
  });

  test('a version in a release cannot be marked as checked', () => {
    expect(state({ version: {} })).toMatchObject({ disabled: true });
  });

  test('an editor without a name in Sanity is told to add one', () => {
    expect(state({ checkedBy: undefined })).toMatchObject({
      disabled: true,
      title: expect.stringContaining('no name'),
    });
  });

  test('marking it twice on one day by the same editor is not offered', () => {
    expect(state({ published: { verifiedOn: '2026-04-01', verifiedBy: 'Amina Khan' } })).toMatchObject({
      disabled: true,
      title: 'You already marked it as checked today (1 April 2026)',
    });
    expect(state({ published: { verifiedOn: '2026-04-01', verifiedBy: 'Ben' } }).disabled).toBe(false);
  });
});

describe('where Mark as checked appears', () => {
  const builtIn = ['publish', 'unpublish', 'duplicate', 'delete', 'discardChanges', 'restore'].map((action) =>
    Object.assign(() => null, { action }),
  ) as unknown as DocumentActionComponent[];

  test('services get it after Sanity’s own actions', () => {
    const actions = documentActions(builtIn, 'service');
    expect(actions.slice(0, builtIn.length)).toEqual(builtIn);
    expect(actions.at(-1)).toBe(MarkAsCheckedAction);
  });

  test.each(['organisation', 'location', 'category', 'area', 'siteSettings', 'crisisSupport'])(
    'a %s does not get it',
    (type) => {
      expect(documentActions(builtIn, type)).not.toContain(MarkAsCheckedAction);
    },
  );

  test('singletons still keep only their safe actions', () => {
    expect(documentActions(builtIn, 'crisisSupport').map((action) => action.action)).toEqual([
      'publish',
      'discardChanges',
      'restore',
    ]);
  });
});
