/**
 * What a service page (and a resident's referral page) says at the top, before anything else:
 * closures now or coming up, and where one session takes place, for calendars. Dates are London
 * dates; nothing here reads the clock.
 */
import { londonDateOf } from '../schedules/index.ts';
import type { Session } from '../schedules/index.ts';
import { venueAddressText, type PublicVenue } from '../geo/directions.ts';

/**
 * A closure as the queries give it. `location` (a venue of the service) is optional: a closure
 * without one closes the whole service.
 */
export type ClosureNotice = {
  _key?: string;
  from: string;
  to?: string | null;
  reason?: string | null;
  location?: { _ref: string } | null;
};

/** A closure to show, with whether it has started. */
export type ShownClosure<C extends ClosureNotice> = C & { current: boolean; lastDay: string };

/** Closures not over by `now` (London date), soonest first, each marked current once it has started. */
export function closuresToShow<C extends ClosureNotice>(closures: readonly C[], now: Date): ShownClosure<C>[] {
  const today = londonDateOf(now);
  return closures
    .map((closure) => ({ ...closure, lastDay: closure.to ?? closure.from, current: closure.from <= today }))
    .filter((closure) => closure.lastDay >= today)
    .sort((a, b) => a.from.localeCompare(b.from));
}

/** A venue of the service, as public queries give it. */
export type ServiceVenue = PublicVenue & { _id: string };

/**
 * The public address of the place a session is at, for a calendar: the venue the session names,
 * or the service's only venue; nothing for a confidential venue, or when it is not clear which.
 */
export function sessionPlaceText(
  venues: readonly ServiceVenue[],
  session: Pick<Session, 'locationRef'>,
): string | undefined {
  const venue = session.locationRef
    ? venues.find((candidate) => candidate._id === session.locationRef)
    : venues.length === 1
      ? venues[0]
      : undefined;
  return venue ? venueAddressText(venue) : undefined;
}
