import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';
import type { ReferralReportService } from '../../src/queries/types.ts';
import {
  buildOrganisationReport,
  filterChoices,
  organisationCsvRows,
  parseReportFilters,
  type OrganisationRow,
  type OutcomeScore,
  type ReportFilters,
} from '../../src/referrals/organisation-report.ts';
import { suppressGrid } from '../../src/referrals/suppression.ts';

// Referred on Thursday 30 April 2026. Monday 4 May is the Early May bank holiday, so the working
// days after it are Fri 1 (1), Tue 5 (2), Wed 6 (3), Thu 7 (4), Fri 8 (5), Mon 11 (6).
const REFERRED = '2026-04-30T10:00:00.000Z';
const DAY = (d: number) => `2026-05-${String(d).padStart(2, '0')}T12:00:00.000Z`;

const services: ReferralReportService[] = [
  {
    _id: 'svc-a',
    name: 'Walking group',
    organisation: { _id: 'org-a', name: 'Alpha Trust' },
    category: { name: 'Walking', slug: 'walking', parent: { name: 'Physical activity', slug: 'physical' } },
    area: { name: 'Haringey', slug: 'haringey' },
  },
  {
    _id: 'svc-b',
    name: 'Debt advice',
    organisation: { _id: 'org-b', name: 'Beta Advice' },
    category: { name: 'Money', slug: 'money', parent: null },
    area: { name: 'Enfield', slug: 'enfield' },
  },
  {
    _id: 'svc-c',
    name: 'Art club',
    organisation: { _id: 'org-c', name: 'Gamma Arts' },
    category: { name: 'Arts', slug: 'arts', parent: null },
    area: { name: 'Haringey', slug: 'haringey' },
  },
];

let n = 0;
function rows(
  count: number,
  organisation: string,
  status: OrganisationRow['status'],
  respondedDay: number | null,
  declineReason: OrganisationRow['declineReason'] = null,
): OrganisationRow[] {
  return Array.from({ length: count }, () => {
    n += 1;
    return {
      itemId: `item-${n}`,
      referralId: `ref-${organisation}-${n}`,
      serviceId: `svc-${organisation.slice(-1)}`,
      organisationId: organisation,
      status,
      declineReason,
      createdAt: REFERRED,
      respondedAt: respondedDay === null ? null : DAY(respondedDay),
    };
  });
}

const fixture: OrganisationRow[] = [
  // Alpha: 6 accepted on Thu 7 (4 working days), 2 attended first answered Mon 11 (6: late),
  // 4 declined on Fri 8 (5: in time): 3 no capacity, 1 other.
  ...rows(6, 'org-a', 'accepted', 7),
  ...rows(2, 'org-a', 'attended', 11),
  ...rows(3, 'org-a', 'declined', 8, 'no-capacity'),
  ...rows(1, 'org-a', 'declined', 8, 'other'),
  // Beta: 5 unanswered, 1 declined (not eligible) on Mon 11 (late).
  ...rows(5, 'org-b', 'created', null),
  ...rows(1, 'org-b', 'declined', 11, 'not-eligible'),
  // Gamma: 20 attended, first answered Wed 6 (3 working days).
  ...rows(20, 'org-c', 'attended', 6),
];

const allYear: ReportFilters = {
  period: 'custom',
  from: '2026-01',
  to: '2026-12',
  area: '',
  organisation: '',
  category: '',
};

const values = (counts: { value: number | null }[]) => counts.map((c) => c.value);

describe('commissioners’ report by provider (hand-worked)', () => {
  it('counts, suppresses columns and rows, and hides a total that would give cells away', () => {
    const report = buildOrganisationReport(fixture, [], services, allYear);
    expect(report.organisations.map((o) => o.name)).toEqual(['Alpha Trust', 'Beta Advice', 'Gamma Arts']);
    // Columns: referred, in 5 days, accepted, attended, declined, not eligible, no capacity,
    // could not contact, wrong service, other.
    // Alpha: attended 2 (primary); declined 4, no capacity 3 and other 1 (primary).
    expect(values(report.organisations[0]!.counts)).toEqual([12, 10, 8, null, null, 0, null, 0, 0, null]);
    // Beta: declined 1 and not eligible 1 (primary).
    expect(values(report.organisations[1]!.counts)).toEqual([6, 0, 0, 0, null, null, 0, 0, 0, 0]);
    // Gamma: attended 20 hidden (secondary) so the attended total (22) does not reveal Alpha's 2.
    expect(values(report.organisations[2]!.counts)).toEqual([20, 20, 20, null, 0, 0, 0, 0, 0, 0]);
    expect(report.organisations[2]!.counts[3]).toEqual({ value: null, hidden: 'secondary' });
    // Totals: declined 5 = Alpha 4 + Beta 1, nothing else to hide, so the total is hidden.
    expect(values(report.totals)).toEqual([38, 30, 28, 22, null, null, null, 0, 0, null]);
    expect(report.totals[4]).toEqual({ value: null, hidden: 'secondary' });
  });

  it('iterates rows and columns until stable', () => {
    // r1 = [2, 8 | 10], r2 = [7, 9 | 16], totals = [9, 17 | 26]
    const grid = [2, 8, 10, 7, 9, 16, 9, 17, 26];
    const lines = [
      { cells: [0, 1], total: 2 },
      { cells: [3, 4], total: 5 },
      { cells: [6, 7], total: 8 },
      { cells: [0, 3], total: 6 },
      { cells: [1, 4], total: 7 },
      { cells: [2, 5], total: 8 },
    ];
    const out = suppressGrid(grid, lines);
    // 2 hidden; row 1 hides 8; column 1 hides 7 and then its total 9 (2 + 7 < 10); column 2
    // hides 9; then the totals row, with 9 hidden, must hide 17 too.
    expect(out.map((c) => c.value)).toEqual([null, null, 10, null, null, 16, null, null, 26]);
    expect(out[0]).toEqual({ value: null, hidden: 'small' });
    expect(out[7]).toEqual({ value: null, hidden: 'secondary' });
  });

  it('filters by provider, area, category and period', () => {
    const alpha = buildOrganisationReport(fixture, [], services, { ...allYear, organisation: 'org-a' });
    expect(alpha.organisations.map((o) => o.id)).toEqual(['org-a']);
    const haringey = buildOrganisationReport(fixture, [], services, { ...allYear, area: 'haringey' });
    expect(haringey.organisations.map((o) => o.id)).toEqual(['org-a', 'org-c']);
    const money = buildOrganisationReport(fixture, [], services, { ...allYear, category: 'money' });
    expect(money.organisations.map((o) => o.id)).toEqual(['org-b']);
    const may = buildOrganisationReport(fixture, [], services, { ...allYear, from: '2026-05', to: '2026-05' });
    expect(may.organisations).toEqual([]);
    expect(values(may.totals)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('gives the mean wellbeing change from pairs of scores, hidden under 5 pairs', () => {
    const gamma = fixture.filter((r) => r.organisationId === 'org-c');
    const score = (referralId: string, stage: OutcomeScore['stage'], v: number, anxiety: number): OutcomeScore => ({
      referralId,
      stage,
      lifeSatisfaction: v,
      worthwhile: v,
      happiness: v + 1,
      anxiety,
    });
    // Five Gamma referrals with both: changes in life satisfaction 1, 2, 3, 0, 1 (mean 1.4);
    // anxiety 6 -> 4 each (-2). A sixth has a baseline only and does not count.
    const scores = [1, 2, 3, 0, 1].flatMap((change, i) => [
      score(gamma[i]!.referralId, 'baseline', 4, 6),
      score(gamma[i]!.referralId, 'follow-up', 4 + change, 4),
    ]);
    scores.push(score(gamma[5]!.referralId, 'baseline', 2, 8));
    // Alpha: two pairs only.
    const alpha = fixture.filter((r) => r.organisationId === 'org-a');
    scores.push(score(alpha[0]!.referralId, 'baseline', 5, 5), score(alpha[0]!.referralId, 'follow-up', 9, 1));
    scores.push(score(alpha[1]!.referralId, 'baseline', 5, 5), score(alpha[1]!.referralId, 'follow-up', 9, 1));
    const report = buildOrganisationReport(fixture, scores, services, allYear);
    const [a, b, c] = report.organisations;
    // Alpha's 2 pairs are hidden; showing Gamma's 5 and the total 7 would give them away (7 - 5),
    // so the table rule hides Gamma's count too and, the hidden pairs adding up to less than 10,
    // the total as well. The means stay: they come from 5 pairs or more and give no count away.
    expect(c!.outcome).toEqual({
      pairs: { value: null, hidden: 'secondary' },
      change: { lifeSatisfaction: 1.4, worthwhile: 1.4, happiness: 1.4, anxiety: -2 },
    });
    expect(a!.outcome).toEqual({
      pairs: { value: null, hidden: 'small' },
      change: { lifeSatisfaction: null, worthwhile: null, happiness: null, anxiety: null },
    });
    expect(b!.outcome.pairs).toEqual({ value: 0 });
    // All seven pairs: life satisfaction (7 + 4 + 4) / 7 = 15/7 = 2.1; anxiety (-10 - 8) / 7 = -2.6.
    expect(report.outcome.pairs).toEqual({ value: null, hidden: 'secondary' });
    expect(report.outcome.change.lifeSatisfaction).toBe(2.1);
    expect(report.outcome.change.anxiety).toBe(-2.6);
  });

  it('CSV carries exactly the published cells', () => {
    const report = buildOrganisationReport(fixture, [], services, allYear);
    const csv = organisationCsvRows(report);
    expect(csv[0]![0]).toBe('Provider');
    expect(csv[1]!.slice(0, 11)).toEqual(['Alpha Trust', ...values(report.organisations[0]!.counts)]);
    expect(csv.at(-1)!.slice(0, 11)).toEqual(['Total', ...values(report.totals)]);
  });
});

describe('report filters', () => {
  const choices = filterChoices(services);
  const now = new Date('2026-02-10T12:00:00Z');
  it('presets give month ranges', () => {
    expect(parseReportFilters(new URLSearchParams(''), choices, now).filters).toMatchObject({
      from: '2025-03',
      to: '2026-02',
    });
    expect(parseReportFilters(new URLSearchParams('period=3'), choices, now).filters).toMatchObject({
      from: '2025-12',
      to: '2026-02',
    });
    expect(parseReportFilters(new URLSearchParams('period=financial-year'), choices, now).filters).toMatchObject({
      from: '2025-04',
    });
  });
  it('bad values give messages, not errors', () => {
    const { errors, filters } = parseReportFilters(
      new URLSearchParams('period=custom&from=2026-13&to=x&area=nowhere&organisation=zzz&category=<b>'),
      choices,
      now,
    );
    expect(errors.map((e) => e.field)).toEqual(['from', 'to', 'area', 'organisation', 'category']);
    expect(filters.area).toBe('');
    const backwards = parseReportFilters(new URLSearchParams('period=custom&from=2026-05&to=2026-01'), choices, now);
    expect(backwards.errors).toEqual([
      { field: 'to', message: 'The last month must be the same as or after the first month' },
    ]);
    expect(parseReportFilters(new URLSearchParams('period=7'), choices, now).errors[0]!.field).toBe('period');
  });
});

describe.each(STORE_KINDS)('report rows on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;
  const now = new Date('2026-04-30T10:00:00Z');
  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config, { clock: () => now });
  });
  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('gives each activity with its answer and decline reason, and the wellbeing scores', async () => {
    const userId = randomUUID();
    const at = now.toISOString();
    await store.db
      .insertInto('user')
      .values({
        id: userId,
        name: 'Staff',
        email: `${userId}@example.org`,
        emailVerified: store.kind === 'postgres' ? true : 1,
        image: null,
        createdAt: at,
        updatedAt: at,
        twoFactorEnabled: null,
        role: 'connector',
      })
      .execute();
    const referral = await store.referrals.create({
      tokenHash: hashToken(newToken()),
      connectorUserId: userId,
      expiresAt: new Date('2026-06-01T00:00:00Z'),
      items: [
        { serviceId: 'svc-a', organisationId: 'org-a' },
        { serviceId: 'svc-b', organisationId: 'org-b' },
      ],
    });
    const declined = referral.items.find((i) => i.serviceId === 'svc-b')!;
    await store.db
      .updateTable('referral_item')
      .set({ status: 'declined', decline_reason: 'no-capacity', responded_at: DAY(5) })
      .where('id', '=', declined.id)
      .execute();
    for (const [stage, score] of [
      ['baseline', 4],
      ['follow-up', 7],
    ] as const)
      await store.db
        .insertInto('outcome_measure')
        .values({
          id: randomUUID(),
          referral_id: referral.id,
          stage,
          life_satisfaction: score,
          worthwhile: score,
          happiness: score,
          anxiety: 10 - score,
          recorded_by: 'connector',
          recorded_at: at,
          consent_given_at: at,
        })
        .execute();
    const rows = await store.reports.organisationRows();
    expect(rows.map((r) => [r.organisationId, r.status, r.declineReason, r.respondedAt])).toEqual(
      expect.arrayContaining([
        ['org-a', 'created', null, null],
        ['org-b', 'declined', 'no-capacity', DAY(5)],
      ]),
    );
    expect(rows.every((r) => r.referralId === referral.id && r.createdAt === at)).toBe(true);
    const scores = await store.reports.outcomeScores();
    expect(scores.map((s) => [s.stage, s.lifeSatisfaction, s.anxiety])).toEqual([
      ['baseline', 4, 6],
      ['follow-up', 7, 3],
    ]);
    const report = buildOrganisationReport(rows, scores, services, allYear);
    expect(report.organisations.map((o) => o.counts[1])).toEqual([{ value: 0 }, { value: null, hidden: 'small' }]);
  });
});
