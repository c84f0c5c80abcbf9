/**
 * Referral reports for editors and commissioners: counts only, never anything about a person.
 * The unit is an activity referred (a referral to three activities counts three times). Each
 * activity is placed by its service's first category (its top-level category) and first area;
 * months are London calendar months of the referral. Small counts are suppressed
 * (`suppression.ts`).
 */
import { DateTime } from 'luxon';
import type { EventKind, ItemStatus } from '../people/schema.ts';
import type { ReferralReportService } from '../queries/types.ts';
import { LONDON } from '../schedules/index.ts';
import { median, responseDays } from './response-time.ts';
import { publish, suppressTable, SUPPRESSION_THRESHOLD, type PublishedCount } from './suppression.ts';

/** One referred activity, as the store gives it for reports. */
export interface ReportRow {
  itemId: string;
  serviceId: string;
  status: ItemStatus;
  createdAt: string;
  respondedAt: string | null;
  reached: EventKind[];
}

export interface CountTable {
  id: string;
  title: string;
  /** What the first column holds. */
  dimension: string;
  rows: { label: string; count: PublishedCount }[];
  total: PublishedCount;
}

export interface FunnelStage {
  stage: 'created' | 'opened' | 'interested' | 'attended';
  label: string;
  count: PublishedCount;
}

export interface ResponseTimes {
  /** Median working days to a provider's first answer, all time; null below 5 answers. */
  median: number | null;
  answered: PublishedCount;
  byMonth: { month: string; label: string; median: number | null; answered: PublishedCount }[];
}

export interface ReferralReports {
  byCategory: CountTable;
  byArea: CountTable;
  byMonth: CountTable;
  funnel: FunnelStage[];
  responseTimes: ResponseTimes;
}

export const REPORT_MONTHS = 12;
const UNLISTED = 'No longer listed';

const STAGE_ORDER: FunnelStage['stage'][] = ['created', 'opened', 'interested', 'attended'];
const STAGE_LABELS: Record<FunnelStage['stage'], string> = {
  created: 'Referred',
  opened: 'Link opened',
  interested: 'Said they were interested',
  attended: 'Went',
};

/** The furthest funnel stage an activity reached: a later stage implies the earlier ones. */
function stageOf(row: ReportRow): number {
  const reached = new Set<string>([...row.reached, row.status]);
  if (reached.has('attended') || reached.has('completed')) return 3;
  if (reached.has('interested') || reached.has('accepted')) return 2;
  if (reached.has('opened') || reached.has('not-for-me') || reached.has('did-not-engage')) return 1;
  return 0;
}

const monthOf = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(LONDON).toFormat('yyyy-MM');
const monthLabel = (month: string) => DateTime.fromFormat(month, 'yyyy-MM', { zone: LONDON }).toFormat('LLLL yyyy');

function countTable(id: string, title: string, dimension: string, labels: string[], ordered?: string[]): CountTable {
  const counts = new Map<string, number>();
  for (const label of ordered ?? []) counts.set(label, 0);
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  const keys =
    ordered ?? [...counts.keys()].sort((a, b) => (a === UNLISTED ? 1 : b === UNLISTED ? -1 : a.localeCompare(b)));
  const { cells, total } = suppressTable(keys.map((key) => counts.get(key) ?? 0));
  return { id, title, dimension, rows: keys.map((label, i) => ({ label, count: cells[i]! })), total };
}

/** The last `months` London months up to the one `now` is in, oldest first (YYYY-MM). */
export function recentMonths(now: Date, months = REPORT_MONTHS): string[] {
  const current = DateTime.fromJSDate(now, { zone: LONDON }).startOf('month');
  return Array.from({ length: months }, (_, i) => current.minus({ months: months - 1 - i }).toFormat('yyyy-MM'));
}

/** Every report, from the store's rows and where each service sits. */
export function buildReports(
  rows: readonly ReportRow[],
  services: readonly ReferralReportService[],
  now: Date,
): ReferralReports {
  const byId = new Map(services.map((s) => [s._id, s]));
  const category = (row: ReportRow) => {
    const c = byId.get(row.serviceId)?.category;
    return c ? (c.parent?.name ?? c.name) : UNLISTED;
  };
  const area = (row: ReportRow) =>
    byId.get(row.serviceId)?.area?.name ?? (byId.has(row.serviceId) ? 'No area' : UNLISTED);
  const months = recentMonths(now);
  const inWindow = rows.filter((row) => months.includes(monthOf(row.createdAt)));

  const stages = rows.map(stageOf);
  const funnel = STAGE_ORDER.map((stage, index) => ({
    stage,
    label: STAGE_LABELS[stage],
    count: publish(stages.filter((reached) => reached >= index).length),
  }));

  const answered = rows.filter((row) => row.respondedAt !== null) as (ReportRow & { respondedAt: string })[];
  const medianOf = (list: typeof answered) =>
    list.length >= SUPPRESSION_THRESHOLD ? (median(responseDays(list)) ?? null) : null;

  return {
    byCategory: countTable('by-category', 'Activities referred, by category', 'Category', rows.map(category)),
    byArea: countTable('by-area', 'Activities referred, by area', 'Area', rows.map(area)),
    byMonth: withMonthLabels(
      countTable(
        'by-month',
        `Activities referred, by month (last ${REPORT_MONTHS} months)`,
        'Month',
        inWindow.map((row) => monthOf(row.createdAt)),
        months,
      ),
    ),
    funnel,
    responseTimes: {
      median: medianOf(answered),
      answered: publish(answered.length),
      byMonth: months.map((month) => {
        const list = answered.filter((row) => monthOf(row.createdAt) === month);
        return { month, label: monthLabel(month), median: medianOf(list), answered: publish(list.length) };
      }),
    },
  };
}

/** A month table's labels in words ("March 2026") rather than "2026-03". */
export function withMonthLabels(table: CountTable): CountTable {
  return { ...table, rows: table.rows.map((row) => ({ ...row, label: monthLabel(row.label) })) };
}

/** The reports that can be downloaded, by the name in their CSV's URL. */
export const REPORT_FILES = ['by-category', 'by-area', 'by-month', 'funnel', 'response-times'] as const;
export type ReportFile = (typeof REPORT_FILES)[number];

/** A report as CSV rows (header first): counts as numbers, hidden ones blank with the reason. */
export function reportCsvRows(reports: ReferralReports, file: ReportFile): (string | number | null)[][] {
  const cell = (count: PublishedCount) => [
    count.value,
    count.value === null ? (count.hidden === 'small' ? 'fewer than 5' : 'hidden') : null,
  ];
  switch (file) {
    case 'by-category':
    case 'by-area':
    case 'by-month': {
      const table = file === 'by-category' ? reports.byCategory : file === 'by-area' ? reports.byArea : reports.byMonth;
      return [
        [table.dimension, 'Activities referred', 'Note'],
        ...table.rows.map((row) => [row.label, ...cell(row.count)]),
        ['Total', ...cell(table.total)],
      ];
    }
    case 'funnel':
      return [['Stage', 'Activities', 'Note'], ...reports.funnel.map((stage) => [stage.label, ...cell(stage.count)])];
    case 'response-times':
      return [
        ['Month', 'Median working days to first answer', 'Answered referrals', 'Note'],
        ...reports.responseTimes.byMonth.map((month) => [month.label, month.median, ...cell(month.answered)]),
        ['All time', reports.responseTimes.median, ...cell(reports.responseTimes.answered)],
      ];
  }
}
