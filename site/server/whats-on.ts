/**
 * "What's on" for the cards in lists (search results, category, area and organisation pages).
 *
 * One named query (`serviceTimesQuery`) reads when every listed service runs; the answer is kept
 * as a map by id until content changes, so a page of cards costs one map lookup per card in both
 * the embedded and the hosted mode. The words themselves come from `src/schedules/whats-on.ts`.
 */
import { serviceTimesQuery } from '@src/queries';
import type { ServiceTimes } from '@src/queries/types';
import { whatsOn, type WhatsOn } from '@src/schedules/whats-on';
import { content } from './context';
import { safe } from '@src/security/log';

let times: Promise<Map<string, ServiceTimes>> | undefined;
let listening = false;

/** Every listed service's sessions and closures by id, read once per content revision. */
async function serviceTimes(): Promise<Map<string, ServiceTimes>> {
  const source = await content();
  if (!listening) {
    listening = true;
    source.onChange(() => {
      times = undefined;
    });
  }
  times ??= source
    .fetch(serviceTimesQuery)
    .then((rows) => new Map(rows.map((row) => [row._id, row])))
    .catch((error: unknown) => {
      times = undefined; // try again on the next request
      throw error;
    });
  return times;
}

/**
 * What's on at one service as of `now`, or undefined when it is not listed or the content cannot
 * be read just now: a card then leaves the line out rather than fail the page.
 */
export async function whatsOnFor(id: string, now = new Date()): Promise<WhatsOn | undefined> {
  const found = await serviceTimes()
    .then((map) => map.get(id))
    .catch((error: unknown) => {
      console.error(`What's on could not be read: ${safe(error)}`);
      return undefined;
    });
  if (!found) return undefined;
  const venues = found.venues.flatMap((venue) => (venue.name ? [{ _id: venue._id, name: venue.name }] : []));
  return whatsOn({ ...found, venues }, now);
}
