/**
 * Validation rules for the Studio schemas. Each is a plain function of the value (and the object
 * or document holding it) returning `true` or a message for editors, so the schemas stay
 * declarative and the rules can be tested without a Studio.
 *
 * The cross-field rules are the content profile's own (`src/content/rules.ts`, which the profile's
 * zod refinements call too): the Studio shows the same message, starting with a capital. The rest
 * only make sense in the Studio (a date not in the future, a venue the service lists, review
 * warnings); formats are checked with the profile's own zod schemas.
 */
import type { ZodType } from 'zod';
import { geopoint } from '../../src/content/profile';
import * as shared from '../../src/content/rules';
import { CRISIS_REVIEW_AFTER_MONTHS, REVERIFY_AFTER_MONTHS, type Ref, type Verdict } from '../../src/content/rules';
import { formatDate, monthsBefore, todayInLondon } from './dates';

export { CRISIS_REVIEW_AFTER_MONTHS, REVERIFY_AFTER_MONTHS };
export type { ContactLike, Ref, ScheduleLike, ServiceLike, Verdict } from '../../src/content/rules';

/** A profile message as an editor sees it: the same words, as a sentence. */
export const forEditors = (verdict: Verdict): Verdict =>
  verdict === true ? true : verdict.charAt(0).toUpperCase() + verdict.slice(1);

/** A profile rule with its message said to editors. */
const inStudio =
  <T>(rule: (value: T) => Verdict) =>
  (value: T): Verdict =>
    forEditors(rule(value));

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
  const inside = geopoint.shape.lat.safeParse(point.lat).success && geopoint.shape.lng.safeParse(point.lng).success;
  return inside
    ? true
    : 'This point is outside the UK: check the latitude and longitude (or search for the postcode again)';
}

// --- the profile's cross-field rules ----------------------------------------------------------

/** A session must close after it opens. */
export const closesAfterOpens = inStudio(shared.closesAfterOpens);
/** A monthly session needs to say which week of the month it runs. */
export const monthlyNeedsWeek = inStudio(shared.monthlyNeedsWeek);
/** A fortnightly session needs one date it runs on. */
export const fortnightlyNeedsDate = inStudio(shared.fortnightlyNeedsDate);
/** A contact person needs a phone number or an email. */
export const contactNeedsRoute = inStudio(shared.contactNeedsRoute);
/** The youngest age must not be above the oldest. */
export const agesInOrder = inStudio(shared.agesInOrder);
/** A service that is not free must say what it costs. */
export const costNeeded = inStudio(shared.costNeeded);
/** A service needs at least one way to get in touch. */
export const contactRouteNeeded = inStudio(shared.contactRouteNeeded);
/** A service delivered at a venue needs at least one location. */
export const venueNeedsLocation = inStudio(shared.venueNeedsLocation);
/** A temporarily closed service must say why and until when. */
export const closedNeedsNote = inStudio(shared.closedNeedsNote);

// --- Studio-only rules ------------------------------------------------------------------------

/** A date range must not end before it starts. */
export const endsAfterStart = (from: string | undefined, to: string | undefined): Verdict =>
  forEditors(shared.endsAfterStart(from, to));

/** A schedule's venue must be one of the venues listed on the service. */
export function scheduleLocationListed(location: Ref | undefined, serviceLocations: Ref[] | undefined): Verdict {
  if (!location?._ref) return true;
  const listed = (serviceLocations ?? []).some((ref) => ref._ref === location._ref);
  return listed ? true : 'This venue is not one of the service\'s locations: add it under "Where" first';
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
