/** How many listings each category and area has, counted in one pass over the services. */
import type { ListingCountsResult } from '../queries/types';
import { listedOnly } from '../listings/verification';

export type ListingCounts = { byCategory: Map<string, number>; byArea: Map<string, number> };

/**
 * Counts each listed service once per category it is in and once per area it covers; a service
 * in a child category ("Football") also counts for its parent ("Sport and fitness"). Given `now`,
 * listings dropped from the browse lists that day (3 months past their review date) do not count.
 */
export function countListings({ services: all, parents }: ListingCountsResult, now?: Date): ListingCounts {
  const services = now ? listedOnly(all, now) : all;
  const parentOf = new Map(parents.map((category) => [category._id, category.parent]));
  const byCategory = new Map<string, number>();
  const byArea = new Map<string, number>();
  const add = (counts: Map<string, number>, id: string) => counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const service of services) {
    const categories = new Set<string>();
    for (const id of service.categories ?? []) {
      categories.add(id);
      const parent = parentOf.get(id);
      if (parent) categories.add(parent);
    }
    categories.forEach((id) => add(byCategory, id));
    new Set(service.areas ?? []).forEach((id) => add(byArea, id));
  }
  return { byCategory, byArea };
}
