/**
 * Commissioners' report: for each provider organisation, activities referred, answered within
 * 5 working days, accepted, attended, declined by reason, and the mean change in wellbeing
 * (ONS4) between the first and follow-up scores. Filters narrow it by period, area, provider
 * and category. Counts are suppressed as one grid (`suppressGrid`): page, chart and CSV all
 * show the same published cells.
 */
import { DateTime } from 'luxon';
import type { DeclineReason, ItemStatus, OutcomeStage } from '../people/schema.ts';
import { DECLINE_REASONS } from '../people/schema.ts';
import type { ReferralReportService } from '../queries/types.ts';
import { LONDON } from '../schedules/index.ts';
import { DECLINE_LABELS } from './referrals.ts';
import { publish, suppressGrid, suppressTable, SUPPRESSION_THRESHOLD, type PublishedCount } from './suppression.ts';
import { workingDaysBetween } from './working-days.ts';

export interface OrganisationRow {
  itemId: string;
  referralId: string;
  serviceId: string;
  organisationId: string;
  status: ItemStatus;
  declineReason: DeclineReason | null;
  createdAt: string;
  respondedAt: string | null;
}

export interface OutcomeScore {
  referralId: string;
  stage: OutcomeStage;
  lifeSatisfaction: number;
  worthwhile: number;
  happiness: number;
  anxiety: number;
}

export const MEASURES = ['lifeSatisfaction', 'worthwhile', 'happiness', 'anxiety'] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_LABELS: Record<Measure, string> = {
  lifeSatisfaction: 'Life satisfaction',
  worthwhile: 'Worthwhile',
  happiness: 'Happiness',
  anxiety: 'Anxiety (lower is better)',
};

/** Answered within this many working days counts as answered promptly. */
export const PROMPT_WORKING_DAYS = 5;

/** The count columns, in order: the declined ones add up to "declined". */
export const COUNT_COLUMNS = [
  { key: 'received', label: 'Activities referred' },
  { key: 'prompt', label: `Answered within ${PROMPT_WORKING_DAYS} working days` },
  { key: 'accepted', label: 'Accepted' },
  { key: 'attended', label: 'Attended' },
  { key: 'declined', label: 'Declined' },
  ...DECLINE_REASONS.map((reason) => ({ key: `declined:${reason}`, label: `Declined: ${DECLINE_LABELS[reason]}` })),
] as const;
const DECLINED = COUNT_COLUMNS.findIndex((c) => c.key === 'declined');

export interface OutcomeChange {
  /** Referrals with both a first and a follow-up score. */
  pairs: PublishedCount;
  /** Mean follow-up minus first score per measure; null when fewer than 5 pairs. */
  change: Record<Measure, number | null>;
}

export interface OrganisationReportLine {
  id: string;
  name: string;
  counts: PublishedCount[];
  outcome: OutcomeChange;
}

export interface OrganisationReport {
  organisations: OrganisationReportLine[];
  totals: PublishedCount[];
  outcome: OutcomeChange;
}

export interface ReportFilters {
  /** First and last London month (YYYY-MM), inclusive. */
  from: string;
  to: string;
  period: Period;
  area: string;
  organisation: string;
  category: string;
}

export const PERIODS = ['3', '6', '12', 'financial-year', 'custom'] as const;
export type Period = (typeof PERIODS)[number];
export const PERIOD_LABELS: Record<Period, string> = {
  '3': 'Last 3 months',
  '6': 'Last 6 months',
  '12': 'Last 12 months',
  'financial-year': 'This financial year (from April)',
  custom: 'Choose months',
};

export interface FilterError {
  field: 'period' | 'from' | 'to' | 'area' | 'organisation' | 'category';
  message: string;
}

export interface FilterChoices {
  areas: { value: string; label: string }[];
  organisations: { value: string; label: string }[];
  categories: { value: string; label: string }[];
}

const monthOf = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(LONDON).toFormat('yyyy-MM');
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const topCategory = (service: ReferralReportService | undefined) =>
  service?.category ? (service.category.parent ?? service.category) : null;

/** What the filters can be set to, from where the published services sit. */
export function filterChoices(services: readonly ReferralReportService[]): FilterChoices {
  const unique = (pairs: ({ value: string; label: string } | null)[]) =>
    [...new Map(pairs.filter((p) => p !== null && p.value).map((p) => [p!.value, p!])).values()].sort((a, b) =>
      a.label.localeCompare(b.label),
    );
  return {
    areas: unique(services.map((s) => (s.area ? { value: s.area.slug, label: s.area.name } : null))),
    organisations: unique(
      services.map((s) => (s.organisation ? { value: s.organisation._id, label: s.organisation.name } : null)),
    ),
    categories: unique(
      services.map((s) => {
        const c = topCategory(s);
        return c ? { value: c.slug, label: c.name } : null;
      }),
    ),
  };
}

/** Reads the filter form (a GET query); every bad value gets a message and a safe default. */
export function parseReportFilters(
  query: URLSearchParams,
  choices: FilterChoices,
  now: Date,
): { filters: ReportFilters; errors: FilterError[] } {
  const errors: FilterError[] = [];
  const current = DateTime.fromJSDate(now, { zone: LONDON }).startOf('month');
  const thisMonth = current.toFormat('yyyy-MM');
  let period = (query.get('period') ?? '12') as Period;
  if (!(PERIODS as readonly string[]).includes(period)) {
    errors.push({ field: 'period', message: 'Choose a period from the list' });
    period = '12';
  }
  let from: string;
  let to = thisMonth;
  if (period === 'custom') {
    const rawFrom = (query.get('from') ?? '').trim();
    const rawTo = (query.get('to') ?? '').trim();
    from = current.minus({ months: 11 }).toFormat('yyyy-MM');
    if (!MONTH.test(rawFrom))
      errors.push({ field: 'from', message: 'Enter the first month as a year and month, like 2026-04' });
    else from = rawFrom;
    if (!MONTH.test(rawTo))
      errors.push({ field: 'to', message: 'Enter the last month as a year and month, like 2026-09' });
    else to = rawTo;
    if (MONTH.test(rawFrom) && MONTH.test(rawTo) && rawFrom > rawTo) {
      errors.push({ field: 'to', message: 'The last month must be the same as or after the first month' });
      to = from;
    }
  } else if (period === 'financial-year') {
    const start = current.month >= 4 ? current.set({ month: 4 }) : current.minus({ years: 1 }).set({ month: 4 });
    from = start.toFormat('yyyy-MM');
  } else {
    from = current.minus({ months: Number(period) - 1 }).toFormat('yyyy-MM');
  }
  const pick = (field: 'area' | 'organisation' | 'category', list: { value: string }[], message: string) => {
    const value = (query.get(field) ?? '').trim();
    if (value && !list.some((c) => c.value === value)) {
      errors.push({ field, message });
      return '';
    }
    return value;
  };
  return {
    filters: {
      period,
      from,
      to,
      area: pick('area', choices.areas, 'Choose an area from the list'),
      organisation: pick('organisation', choices.organisations, 'Choose a provider from the list'),
      category: pick('category', choices.categories, 'Choose a category from the list'),
    },
    errors,
  };
}

/** The filters as a query string (for the CSV link), without the defaults. */
export function filterQuery(filters: ReportFilters): string {
  const params = new URLSearchParams({ period: filters.period });
  if (filters.period === 'custom') {
    params.set('from', filters.from);
    params.set('to', filters.to);
  }
  for (const key of ['area', 'organisation', 'category'] as const) if (filters[key]) params.set(key, filters[key]);
  return params.toString();
}

/** The referrals among `referralIds` with both a first and a follow-up score. */
function pairsOf(referralIds: Set<string>, scores: readonly OutcomeScore[]): string[] {
  const stages = new Map<string, Set<OutcomeStage>>();
  for (const score of scores) {
    if (referralIds.has(score.referralId))
      stages.set(score.referralId, (stages.get(score.referralId) ?? new Set()).add(score.stage));
  }
  return [...stages].filter(([, seen]) => seen.size === 2).map(([id]) => id);
}

function outcomeChange(referralIds: Set<string>, scores: readonly OutcomeScore[]): OutcomeChange {
  const baseline = new Map<string, OutcomeScore>();
  const followUp = new Map<string, OutcomeScore>();
  for (const score of scores) {
    if (!referralIds.has(score.referralId)) continue;
    (score.stage === 'baseline' ? baseline : followUp).set(score.referralId, score);
  }
  const pairs = [...baseline.keys()].filter((id) => followUp.has(id));
  const change = Object.fromEntries(
    MEASURES.map((m) => {
      if (pairs.length < SUPPRESSION_THRESHOLD) return [m, null];
      const sum = pairs.reduce((acc, id) => acc + followUp.get(id)![m] - baseline.get(id)![m], 0);
      return [m, Math.round((sum / pairs.length) * 10) / 10];
    }),
  ) as Record<Measure, number | null>;
  return { pairs: publish(pairs.length), change };
}

/** The counts of one organisation's activities, in `COUNT_COLUMNS` order. */
export function countsOf(rows: readonly OrganisationRow[]): number[] {
  const accepted = new Set<ItemStatus>(['accepted', 'attended', 'completed']);
  const attended = new Set<ItemStatus>(['attended', 'completed']);
  return [
    rows.length,
    rows.filter(
      (r) =>
        r.respondedAt !== null &&
        workingDaysBetween(new Date(r.createdAt), new Date(r.respondedAt)) <= PROMPT_WORKING_DAYS,
    ).length,
    rows.filter((r) => accepted.has(r.status)).length,
    rows.filter((r) => attended.has(r.status)).length,
    rows.filter((r) => r.status === 'declined').length,
    ...DECLINE_REASONS.map(
      (reason) => rows.filter((r) => r.status === 'declined' && r.declineReason === reason).length,
    ),
  ];
}

/** The whole report for the filters, suppressed. */
export function buildOrganisationReport(
  rows: readonly OrganisationRow[],
  scores: readonly OutcomeScore[],
  services: readonly ReferralReportService[],
  filters: ReportFilters,
): OrganisationReport {
  const byId = new Map(services.map((s) => [s._id, s]));
  const names = new Map<string, string>();
  for (const s of services) if (s.organisation) names.set(s.organisation._id, s.organisation.name);
  const kept = rows.filter((row) => {
    const month = monthOf(row.createdAt);
    if (month < filters.from || month > filters.to) return false;
    if (filters.organisation && row.organisationId !== filters.organisation) return false;
    const service = byId.get(row.serviceId);
    if (filters.area && service?.area?.slug !== filters.area) return false;
    if (filters.category && topCategory(service)?.slug !== filters.category) return false;
    return true;
  });
  const groups = new Map<string, OrganisationRow[]>();
  for (const row of kept) groups.set(row.organisationId, [...(groups.get(row.organisationId) ?? []), row]);
  const ids = [...groups.keys()].sort((a, b) =>
    (names.get(a) ?? 'No longer listed').localeCompare(names.get(b) ?? 'No longer listed'),
  );
  const width = COUNT_COLUMNS.length;
  // Grid: one line per organisation, then the totals line.
  const matrix = [...ids.map((id) => countsOf(groups.get(id)!)), countsOf(kept)];
  const values = matrix.flat();
  const at = (row: number, col: number) => row * width + col;
  const totalRow = ids.length;
  const lines: { cells: number[]; total: number }[] = [];
  for (let col = 0; col < width; col += 1)
    lines.push({ cells: ids.map((_, row) => at(row, col)), total: at(totalRow, col) });
  for (let row = 0; row <= totalRow; row += 1)
    lines.push({
      cells: DECLINE_REASONS.map((_, i) => at(row, DECLINED + 1 + i)),
      total: at(row, DECLINED),
    });
  const published = suppressGrid(values, lines);
  const line = (row: number) => published.slice(row * width, (row + 1) * width);
  const referralsOf = (id: string) => new Set(groups.get(id)!.map((r) => r.referralId));
  const outcomes = ids.map((id) => outcomeChange(referralsOf(id), scores));
  const overall = outcomeChange(new Set(kept.map((r) => r.referralId)), scores);
  // Pairs of scores get the table rule too, so the total cannot pin a hidden provider's count
  // (a referral to two providers counts for both, so the total may be less than the sum).
  const pairCounts = ids.map((id) => pairsOf(referralsOf(id), scores).length);
  const pairTable = suppressTable(pairCounts);
  outcomes.forEach((outcome, i) => (outcome.pairs = pairTable.cells[i]!));
  if (pairTable.total.value === null && overall.pairs.value !== null) overall.pairs = pairTable.total;
  return {
    organisations: ids.map((id, row) => ({
      id,
      name: names.get(id) ?? 'No longer listed',
      counts: line(row),
      outcome: outcomes[row]!,
    })),
    totals: line(totalRow),
    outcome: overall,
  };
}

/** The report as CSV rows (header first): exactly the published figures. */
export function organisationCsvRows(report: OrganisationReport): (string | number | null)[][] {
  const note = (count: PublishedCount) =>
    count.value === null ? (count.hidden === 'small' ? 'fewer than 5' : 'hidden') : '';
  const line = (name: string, counts: PublishedCount[], outcome: OutcomeChange) => [
    name,
    ...counts.map((c) => c.value),
    outcome.pairs.value,
    ...MEASURES.map((m) => outcome.change[m]),
    [...counts, outcome.pairs].some((c) => c.value === null)
      ? `Blank counts: ${[...counts, outcome.pairs].map(note).filter(Boolean).length} hidden (fewer than 5 or to protect them)`
      : '',
  ];
  return [
    [
      'Provider',
      ...COUNT_COLUMNS.map((c) => c.label),
      'Wellbeing score pairs',
      ...MEASURES.map((m) => `Mean change: ${MEASURE_LABELS[m]}`),
      'Note',
    ],
    ...report.organisations.map((o) => line(o.name, o.counts, o.outcome)),
    line('Total', report.totals, report.outcome),
  ];
}
