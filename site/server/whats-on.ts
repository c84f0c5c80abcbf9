/**
 * "What's on" for the cards in lists (search results, category, area and organisation pages).
 *
 * The hosted Content Lake is asked once per revision when every listed service runs
 * (`serviceTimesQuery`); the answer is kept as a map by id until content changes, so a page of
 * cards costs one map lookup per card. The embedded store has every document at hand in its id
 * index, so a card asks it for its own service (`serviceTimesByIdQuery`): no page waits for all
 * services' times to be read (most of a second at 100k services), and no copy of them is kept.
 * The words themselves come from `src/schedules/whats-on.ts`.
 */
import { serviceTimesByIdQuery, serviceTimesQuery } from '@src/queries';
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

/** One listed service's sessions and closures, or undefined when it is not listed. */
async function timesOf(id: string): Promise<ServiceTimes | undefined> {
  const source = await content();
  if (source.kind === 'embedded') return (await source.fetch(serviceTimesByIdQuery, { id })) ?? undefined;
  return (await serviceTimes()).get(id);
}

/**
 * What's on at one service as of `now`, or undefined when it is not listed or the content cannot
 * be read just now: a card then leaves the line out rather than fail the page.
 */
export async function whatsOnFor(id: string, now = new Date()): Promise<WhatsOn | undefined> {
  const found = await timesOf(id).catch((error: unknown) => {
    console.error(`What's on could not be read: ${safe(error)}`);
    return undefined;
  });
  if (!found) return undefined;
  const venues = found.venues.flatMap((venue) => (venue.name ? [{ _id: venue._id, name: venue.name }] : []));
  return whatsOn({ ...found, venues }, now);
}
