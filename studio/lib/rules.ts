/**
 * Validation rules shared by the Studio schemas. Each is a plain function of the value (and the
 * object or document holding it) returning `true` or a message for editors, so the schemas stay
 * declarative and the rules can be tested without a Studio. They mirror the refinements in
 * `src/content/profile.ts`; formats are checked with the profile's own zod schemas.
 */
import type { ZodType } from 'zod';
import { formatDate, monthsBefore, todayInLondon } from './dates';

/** `true` when valid, otherwise a message shown to the editor. */
export type Verdict = true | string;

/** A Sanity reference as stored. */
export type Ref = { _ref?: string; _type?: string; _key?: string };

/** Months after which a service's "verified on" date is due for re-verification. */
export const REVERIFY_AFTER_MONTHS = 12;
/** Months after which the crisis support page is due for review. */
export const CRISIS_REVIEW_AFTER_MONTHS = 6;

const isBlank = (value: string | undefined | null): boolean => (value ?? '').trim().length === 0;

/**
 * A validator that checks a value against a zod schema from the profile and returns the
 * profile's own message. Empty values pass: whether a value is required is `rule.required()`'s job.
 */
export function matches(schema: ZodType, message?: string): (value: unknown) => Verdict {
  return (value) => {
    if (value === undefined || value === null || value === '') return true;
    const result = schema.safeParse(value);
    if (result.success) return true;
    return message ?? result.error.issues[0]?.message ?? 'Not in the expected format';
  };
}

/** A map position must be in the UK (the profile's latitude and longitude bounds). */
export function withinUk(point: { lat?: number; lng?: number } | undefined): Verdict {
  if (!point || point.lat === undefined || point.lng === undefined) return true;
  const { lat, lng } = point;
  return lat >= 49 && lat <= 61 && lng >= -8 && lng <= 2
    ? true
    : 'This point is outside the UK: check the latitude and longitude (or search for the postcode again)';
}

// --- schedule -------------------------------------------------------------------------------

export type ScheduleLike = {
  frequency?: string;
  weekOfMonth?: number;
  opensAt?: string;
  closesAt?: string;
  validFrom?: string;
  validTo?: string;
};

/** A session must close after it opens (times are `HH:MM`, so string order is time order). */
export function closesAfterOpens(schedule: ScheduleLike | undefined): Verdict {
  const { opensAt, closesAt } = schedule ?? {};
  if (!opensAt || !closesAt) return true;
  return opensAt < closesAt ? true : `Closes at ${closesAt}, before it opens at ${opensAt}: closes before it opens`;
}

/** A monthly session needs to say which week of the month it runs. */
export function monthlyNeedsWeek(schedule: ScheduleLike | undefined): Verdict {
  if (schedule?.frequency !== 'monthly' || schedule.weekOfMonth !== undefined) return true;
  return 'A monthly session needs the week of the month (for example "First")';
}

/** A fortnightly session needs one date it runs on, to know which weeks are "on". */
export function fortnightlyNeedsDate(schedule: ScheduleLike | undefined): Verdict {
  if (schedule?.frequency !== 'fortnightly' || !isBlank(schedule.validFrom)) return true;
  return 'A fortnightly session needs a date it runs on: put one in "From"';
}

/** A date range must not end before it starts. */
export function endsAfterStart(from: string | undefined, to: string | undefined): Verdict {
  if (!from || !to) return true;
  return to >= from ? true : 'Ends before it starts';
}

/** A schedule's venue must be one of the venues listed on the service. */
export function scheduleLocationListed(location: Ref | undefined, serviceLocations: Ref[] | undefined): Verdict {
  if (!location?._ref) return true;
  const listed = (serviceLocations ?? []).some((ref) => ref._ref === location._ref);
  return listed ? true : 'This venue is not one of the service\'s locations: add it under "Where" first';
}

// --- service --------------------------------------------------------------------------------

export type ServiceLike = {
  ageMin?: number;
  ageMax?: number;
  free?: boolean;
  costDetails?: string;
  phone?: string;
  email?: string;
  website?: string;
  contacts?: unknown[];
  coverage?: string[];
  locations?: Ref[];
  status?: string;
  statusNote?: string;
};

/** The youngest age must not be above the oldest. */
export function agesInOrder(service: ServiceLike | undefined): Verdict {
  const { ageMin, ageMax } = service ?? {};
  if (ageMin === undefined || ageMax === undefined) return true;
  return ageMin <= ageMax ? true : 'The youngest age is above the oldest';
}

/** A service that is not free must say what it costs. */
export function costNeeded(service: ServiceLike | undefined): Verdict {
  if (service?.free !== false || !isBlank(service.costDetails)) return true;
  return 'Say what it costs when it is not free (for example "£3 a session, concessions £1")';
}

/** A service needs at least one way to get in touch. */
export function contactRouteNeeded(service: ServiceLike | undefined): Verdict {
  const s = service ?? {};
  if (!isBlank(s.phone) || !isBlank(s.email) || !isBlank(s.website) || (s.contacts?.length ?? 0) > 0) return true;
  return 'Give at least one way to get in touch: a phone number, email, website or contact';
}

/** A service delivered at a venue needs at least one location. */
export function venueNeedsLocation(service: ServiceLike | undefined): Verdict {
  if (!service?.coverage?.includes('venue') || (service.locations?.length ?? 0) > 0) return true;
  return 'A service at a venue needs at least one location';
}

/** A temporarily closed service must say why and until when. */
export function closedNeedsNote(service: ServiceLike | undefined): Verdict {
  if (service?.status !== 'temporarily-closed' || !isBlank(service.statusNote)) return true;
  return 'Say why it is closed and until when';
}

// --- contacts -------------------------------------------------------------------------------

/** A contact person needs a phone number or an email. */
export function contactNeedsRoute(contact: { phone?: string; email?: string } | undefined): Verdict {
  if (!isBlank(contact?.phone) || !isBlank(contact?.email)) return true;
  return 'A contact needs a phone number or email';
}

// --- dates ----------------------------------------------------------------------------------

/** A date must not be in the future (you cannot have verified something tomorrow). */
export function notInFuture(date: string | undefined, today: string = todayInLondon()): Verdict {
  if (!date) return true;
  return date <= today ? true : 'This date is in the future';
}

/** Warning: a listing verified more than 12 months ago is due for re-verification. */
export function verificationDue(verifiedOn: string | undefined, today: string = todayInLondon()): Verdict {
  if (!verifiedOn) return true;
  if (verifiedOn >= monthsBefore(today, REVERIFY_AFTER_MONTHS)) return true;
  return `Last verified on ${formatDate(verifiedOn)}: due for re-verification (every ${REVERIFY_AFTER_MONTHS} months)`;
}

/** Warning: crisis information reviewed more than 6 months ago is due for review. */
export function crisisReviewDue(reviewedOn: string | undefined, today: string = todayInLondon()): Verdict {
  if (!reviewedOn) return true;
  if (reviewedOn >= monthsBefore(today, CRISIS_REVIEW_AFTER_MONTHS)) return true;
  return `Last reviewed on ${formatDate(reviewedOn)}: crisis information is due for review (every ${CRISIS_REVIEW_AFTER_MONTHS} months)`;
}

/** A category cannot be its own parent. */
export function notOwnParent(ref: Ref | undefined, documentId: string | undefined): Verdict {
  if (!ref?._ref || !documentId) return true;
  const publishedId = documentId.replace(/^drafts\./, '').replace(/^versions\.[^.]+\./, '');
  return ref._ref === publishedId ? 'A category cannot be its own parent' : true;
}
