/**
 * The content profile's cross-field rules, as plain functions: each takes a (possibly partial)
 * value and returns `true` or the plain message people are shown. The profile's zod refinements
 * (`profile.ts`, which the partner portal and the dataset checks use) and the Studio's validation
 * (`studio/lib/rules.ts`) both call these, so a listing is judged the same wherever it is edited.
 *
 * A rule only judges what it is about: missing values pass here, because whether a field is
 * required is the schema's job. Whitespace counts as empty.
 */

/** `true` when the value passes, otherwise the message for the person editing it. */
export type Verdict = true | string;

/** A Sanity reference as stored. */
export type Ref = { _ref?: string; _type?: string; _key?: string };

/** Months after which a service's "verified on" date is due for re-verification (when no category sets its own). */
export const REVERIFY_AFTER_MONTHS = 12;
/** Months after which the crisis support page is due for review. */
export const CRISIS_REVIEW_AFTER_MONTHS = 6;

/** Every cross-field rule's message, as the portal shows it (the Studio starts it with a capital). */
export const ruleMessages = {
  closesAfterOpens: 'closes before it opens',
  monthlyNeedsWeek: 'a monthly session needs the week of the month',
  fortnightlyNeedsDate: 'a fortnightly session needs a date it runs on',
  contactNeedsRoute: 'a contact needs a phone number or email',
  agesInOrder: 'the youngest age is above the oldest',
  costNeeded: 'say what it costs when it is not free',
  contactRouteNeeded: 'give at least one way to get in touch',
  venueNeedsLocation: 'a service at a venue needs at least one location',
  closedNeedsNote: 'say why it is closed and until when',
  endsAfterStart: 'ends before it starts',
  closureVenueListed: "choose one of the service's venues, or all venues",
} as const;

const isBlank = (value: string | undefined | null): boolean => (value ?? '').trim().length === 0;

/** Turns a rule into a zod `.refine` predicate: passes exactly when the rule does. */
export const passes =
  <T>(rule: (value: T) => Verdict) =>
  (value: T): boolean =>
    rule(value) === true;

/** A date range (a closure, the dates a session runs between) must not end before it starts. */
export function endsAfterStart(from: string | undefined, to: string | undefined): Verdict {
  if (!from || !to) return true;
  return to >= from ? true : ruleMessages.endsAfterStart;
}

// --- sessions -------------------------------------------------------------------------------

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
  return opensAt < closesAt ? true : ruleMessages.closesAfterOpens;
}

/** A monthly session needs to say which week of the month it runs. */
export function monthlyNeedsWeek(schedule: ScheduleLike | undefined): Verdict {
  if (schedule?.frequency !== 'monthly' || typeof schedule.weekOfMonth === 'number') return true;
  return ruleMessages.monthlyNeedsWeek;
}

/** A fortnightly session needs one date it runs on, to know which weeks are "on". */
export function fortnightlyNeedsDate(schedule: ScheduleLike | undefined): Verdict {
  if (schedule?.frequency !== 'fortnightly' || !isBlank(schedule.validFrom)) return true;
  return ruleMessages.fortnightlyNeedsDate;
}

// --- contacts -------------------------------------------------------------------------------

export type ContactLike = { phone?: string; email?: string };

/** A contact person needs a phone number or an email. */
export function contactNeedsRoute(contact: ContactLike | undefined): Verdict {
  if (!isBlank(contact?.phone) || !isBlank(contact?.email)) return true;
  return ruleMessages.contactNeedsRoute;
}

// --- services -------------------------------------------------------------------------------

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
  if (typeof ageMin !== 'number' || typeof ageMax !== 'number') return true;
  return ageMin <= ageMax ? true : ruleMessages.agesInOrder;
}

/** A service that is not free must say what it costs. */
export function costNeeded(service: ServiceLike | undefined): Verdict {
  if (service?.free !== false || !isBlank(service.costDetails)) return true;
  return ruleMessages.costNeeded;
}

/** A service needs at least one way to get in touch: phone, email, website or a contact. */
export function contactRouteNeeded(service: ServiceLike | undefined): Verdict {
  const s = service ?? {};
  if (!isBlank(s.phone) || !isBlank(s.email) || !isBlank(s.website) || (s.contacts?.length ?? 0) > 0) return true;
  return ruleMessages.contactRouteNeeded;
}

/** A service delivered at a venue needs at least one location. */
export function venueNeedsLocation(service: ServiceLike | undefined): Verdict {
  if (!service?.coverage?.includes('venue') || (service.locations?.length ?? 0) > 0) return true;
  return ruleMessages.venueNeedsLocation;
}

/** A temporarily closed service must say why and until when. */
export function closedNeedsNote(service: ServiceLike | undefined): Verdict {
  if (service?.status !== 'temporarily-closed' || !isBlank(service.statusNote)) return true;
  return ruleMessages.closedNeedsNote;
}

/** A closure of one venue must name one of the venues the service lists. */
export function closureVenueListed(location: Ref | undefined | null, serviceLocations: Ref[] | undefined): Verdict {
  if (!location?._ref) return true;
  const listed = (serviceLocations ?? []).some((ref) => ref._ref === location._ref);
  return listed ? true : ruleMessages.closureVenueListed;
}
