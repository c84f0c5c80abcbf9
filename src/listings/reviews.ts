/**
 * Where every listed service stands in its verification cycle, and the editors' view of it
 * (`/editor/reviews`): the listings that need a check, grouped by organisation and by area.
 */
import type { ContentSource } from '../content/source';
import { reviewListingsQuery } from '../queries/index';
import type { ReviewListing } from '../queries/types';
import { verificationOf, type Verification, type VerificationStage } from './verification';

export interface ReviewStatus {
  listing: ReviewListing;
  verification: Verification;
}

/** Listed services with where each stands on `now`. */
export async function reviewStatuses(content: Pick<ContentSource, 'fetch'>, now: Date): Promise<ReviewStatus[]> {
  const listings: ReviewListing[] = await content.fetch(reviewListingsQuery);
  return listings.map((listing) => ({
    listing,
    verification: verificationOf(listing.verifiedOn, listing.reviewEveryMonths, now),
  }));
}

/** The stages the dashboard shows, most urgent first. */
export const DASHBOARD_STAGES = [
  'dropped',
  'overdue',
  'due',
  'due-soon',
] as const satisfies readonly VerificationStage[];
export type DashboardStage = (typeof DASHBOARD_STAGES)[number];

export interface ReviewGroup {
  name: string;
  /** Link to the organisation's or area's public page. */
  slug: string | null;
  counts: Record<DashboardStage, number>;
  items: ReviewStatus[];
}

export interface ReviewDashboard {
  counts: Record<DashboardStage, number>;
  /** Everything needing a check, most urgent (longest past due) first. */
  items: ReviewStatus[];
  byOrganisation: ReviewGroup[];
  byArea: ReviewGroup[];
}

const zeroCounts = (): Record<DashboardStage, number> => ({ dropped: 0, overdue: 0, due: 0, 'due-soon': 0 });
const isDashboardStage = (stage: VerificationStage): stage is DashboardStage =>
  (DASHBOARD_STAGES as readonly string[]).includes(stage);

/** Groups the listings needing a check (due soon, due, overdue, dropped) by organisation and by area. */
export function buildReviewDashboard(statuses: readonly ReviewStatus[]): ReviewDashboard {
  const items = statuses
    .filter((status) => isDashboardStage(status.verification.stage))
    .sort(
      (a, b) =>
        a.verification.dueOn.localeCompare(b.verification.dueOn) || a.listing.name.localeCompare(b.listing.name),
    );
  const counts = zeroCounts();
  const organisations = new Map<string, ReviewGroup>();
  const areas = new Map<string, ReviewGroup>();
  const add = (
    groups: Map<string, ReviewGroup>,
    key: string,
    name: string,
    slug: string | null,
    item: ReviewStatus,
  ) => {
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { name, slug, counts: zeroCounts(), items: [] }));
    group.counts[item.verification.stage as DashboardStage] += 1;
    group.items.push(item);
  };
  for (const item of items) {
    counts[item.verification.stage as DashboardStage] += 1;
    const organisation = item.listing.organisation;
    add(
      organisations,
      organisation?._id ?? '',
      organisation?.name ?? 'No organisation',
      organisation?.slug ?? null,
      item,
    );
    const itemAreas = item.listing.areas.length > 0 ? item.listing.areas : [{ name: 'No area', slug: '' }];
    for (const area of itemAreas) add(areas, area.slug, area.name, area.slug || null, item);
  }
  const byName = (a: ReviewGroup, b: ReviewGroup) => a.name.localeCompare(b.name, 'en-GB');
  return {
    counts,
    items,
    byOrganisation: [...organisations.values()].sort(byName),
    byArea: [...areas.values()].sort(byName),
  };
}
