/**
 * The desk lists' GROQ filters pick the right documents: run with groq-js over a small dataset,
 * as the Content Lake runs them for the Studio (with the parameters the structure passes).
 */
import { evaluate, parse } from 'groq-js';
import { describe, expect, test } from 'vitest';
import {
  crisisReviewCutoff,
  crisisReviewOverdueFilter,
  dueForReverificationFilter,
  dueInAreaFilter,
  dueInCategoryFilter,
  pendingChangeTypes,
  pendingChangesFilter,
  reviewCutoffs,
} from '../../studio/structure';

const today = '2026-12-03';
const ref = (id: string) => ({ _type: 'reference', _ref: id });
const service = (id: string, fields: Record<string, unknown>) => ({
  _id: id,
  _type: 'service',
  status: 'active',
  categories: [ref('sport')],
  areas: [ref('haringey')],
  ...fields,
});

const dataset = [
  { _id: 'sport', _type: 'category' },
  { _id: 'housing', _type: 'category', reviewEveryMonths: 6 },
  { _id: 'haringey', _type: 'area' },
  { _id: 'newham', _type: 'area' },
  service('checked-recently', { verifiedOn: '2026-06-01' }),
  service('a-year-ago-to-the-day', { verifiedOn: '2025-12-03' }),
  service('a-year-and-a-day-ago', { verifiedOn: '2025-12-02' }),
  service('never-checked', {}),
  service('defunct', { verifiedOn: '2020-01-01', status: 'defunct' }),
  service('housing-seven-months', { verifiedOn: '2026-05-02', categories: [ref('housing')], areas: [ref('newham')] }),
  service('housing-five-months', { verifiedOn: '2026-07-04', categories: [ref('housing')] }),
  service('sport-and-housing', { verifiedOn: '2026-05-02', categories: [ref('sport'), ref('housing')] }),
  service('very-old', { verifiedOn: '2019-01-01' }),
  { _id: 'crisisSupport', _type: 'crisisSupport', reviewedOn: '2026-05-01' },
];

async function ids(filter: string, params: Record<string, unknown>, documents: object[] = dataset): Promise<string[]> {
  const tree = parse(`*[${filter}]._id`, { params });
  return ((await (await evaluate(tree, { dataset: documents, params })).get()) as string[]).sort();
}

const cutoffs = reviewCutoffs(today);

describe('services due for re-verification', () => {
  test('are those past their review period: 12 months, or their categories\u2019 shortest', async () => {
    expect(await ids(dueForReverificationFilter, { cutoffs })).toEqual([
      'a-year-and-a-day-ago',
      'housing-seven-months',
      'never-checked',
      'sport-and-housing',
      'very-old',
    ]);
  });

  test('by category: only the services in that category', async () => {
    expect(await ids(dueInCategoryFilter, { cutoffs, id: 'housing' })).toEqual([
      'housing-seven-months',
      'sport-and-housing',
    ]);
  });

  test('by area: only the services covering that area', async () => {
    expect(await ids(dueInAreaFilter, { cutoffs, id: 'newham' })).toEqual(['housing-seven-months']);
  });
});

describe('crisis support review overdue', () => {
  test('lists crisis support reviewed more than 6 months ago, and not when reviewed since', async () => {
    const cutoff = crisisReviewCutoff(today);
    expect(cutoff).toBe('2026-06-03');
    expect(await ids(crisisReviewOverdueFilter, { cutoff })).toEqual(['crisisSupport']);
    const reviewed = [{ _id: 'crisisSupport', _type: 'crisisSupport', reviewedOn: '2026-11-01' }];
    expect(await ids(crisisReviewOverdueFilter, { cutoff }, reviewed)).toEqual([]);
  });
});

describe('pending changes', () => {
  const types = [...pendingChangeTypes];

  test('in the raw view, are the drafts of services, organisations and locations', async () => {
    const raw = [
      { _id: 'walk', _type: 'service' },
      { _id: 'drafts.walk', _type: 'service' },
      { _id: 'drafts.new-org', _type: 'organisation' },
      { _id: 'drafts.hall', _type: 'location' },
      { _id: 'drafts.sport', _type: 'category' },
    ];
    expect(await ids(pendingChangesFilter, { types }, raw)).toEqual(['drafts.hall', 'drafts.new-org', 'drafts.walk']);
  });

  test('in the Drafts perspective, are the documents whose original is a draft', async () => {
    const overlaid = [
      { _id: 'walk', _originalId: 'drafts.walk', _type: 'service' },
      { _id: 'run', _originalId: 'run', _type: 'service' },
    ];
    expect(await ids(pendingChangesFilter, { types }, overlaid)).toEqual(['walk']);
  });
});
