/**
 * The Signpost content profile: the shape every published document must have.
 *
 * Open Referral UK (HSDS-UK 3.0) vocabulary, held to a stricter profile of our own. This file is
 * the single source of truth for content rules: the dataset tests validate every sample document
 * with it, and the Studio schemas in `studio/` mirror its fields. Its cross-field rules live in
 * `rules.ts`, which the Studio's validation calls too.
 */
import { z } from 'zod';
import {
  agesInOrder,
  closedNeedsNote,
  closesAfterOpens,
  closureVenueListed,
  endsAfterStart,
  contactNeedsRoute,
  contactRouteNeeded,
  costNeeded,
  fortnightlyNeedsDate,
  monthlyNeedsWeek,
  passes,
  ruleMessages,
  venueNeedsLocation,
} from './rules.ts';

/** Sanity document ids are UUIDs (as ORUK requires), except the two singletons. */
export const uuid = z.uuid({ message: 'must be a UUID' });

const slug = z.object({
  _type: z.literal('slug'),
  current: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case words joined by hyphens')
    .max(96),
});

const reference = z.object({
  _type: z.literal('reference').optional(),
  _ref: z.string().min(1),
  _key: z.string().optional(),
});

const keyed = { _key: z.string().min(1) };

/** A date without a time, as Sanity's `date` type stores it. */
export const isoDate = z.iso.date({ message: 'must be a date (YYYY-MM-DD)' });
/** A clock time in Europe/London, 24-hour. */
export const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time (HH:MM)');

/** A UK postcode (full), upper case with a single space. */
export const ukPostcode = z
  .string()
  .regex(/^[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}$/, 'must be a full UK postcode like "N17 9LA"');

export const partnerships = ['north-london', 'east-london', 'bedfordshire-luton'] as const;
export const accessRoutes = ['drop-in', 'self-refer', 'referral-needed', 'via-connector'] as const;
export const acceptingStates = ['yes', 'waiting-list', 'paused'] as const;
export const coverageKinds = ['venue', 'borough-wide', 'online', 'phone'] as const;
export const serviceStatuses = ['active', 'temporarily-closed', 'inactive', 'defunct'] as const;
export const frequencies = ['weekly', 'fortnightly', 'monthly'] as const;
export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
/** Accessibility features a venue or service may offer (ORUK `accessibility.description`). */
export const accessibilityFeatures = [
  'step-free-access',
  'accessible-toilet',
  'lift',
  'hearing-loop',
  'quiet-space',
  'large-print',
  'bsl-interpreter',
  'assistance-dogs-welcome',
  'parking-nearby',
  'baby-changing',
] as const;

export const geopoint = z.object({
  _type: z.literal('geopoint'),
  lat: z.number().min(49).max(61),
  lng: z.number().min(-8).max(2),
});

export const area = z.object({
  _id: uuid,
  _type: z.literal('area'),
  name: z.string().min(2).max(60),
  slug,
  partnership: z.enum(partnerships),
  /** Postcode districts (outcodes) that lie mostly inside the borough, e.g. "N17". */
  postcodeDistricts: z.array(z.string().regex(/^[A-Z]{1,2}\d[A-Z\d]?$/)).min(1),
  centre: geopoint,
  description: z.string().max(500).optional(),
});

export const category = z.object({
  _id: uuid,
  _type: z.literal('category'),
  name: z.string().min(2).max(60),
  slug,
  description: z.string().min(10).max(300),
  parent: reference.optional(),
  /** Words people use for this category; they feed search synonyms. */
  keywords: z.array(z.string().min(2)).optional(),
  /** How often its listings are re-checked, in months (default 12); a service takes its categories' shortest. */
  reviewEveryMonths: z.number().int().min(1).max(36).optional(),
});

export const organisation = z.object({
  _id: uuid,
  _type: z.literal('organisation'),
  name: z.string().min(2).max(120),
  slug,
  description: z.string().min(20).max(2000),
  website: z.url().optional(),
  email: z.email().optional(),
  phone: z.string().min(6).max(30).optional(),
  charityNumber: z.string().max(20).optional(),
});

export const location = z.object({
  _id: uuid,
  _type: z.literal('location'),
  name: z.string().min(2).max(120),
  organisation: reference,
  area: reference,
  address: z.object({
    line1: z.string().min(2).max(120),
    line2: z.string().max(120).optional(),
    city: z.string().min(2).max(60),
    postcode: ukPostcode,
  }),
  position: geopoint,
  /** A refuge or similar: the address and position are never shown or published. */
  confidential: z.boolean(),
  accessibility: z.array(z.enum(accessibilityFeatures)).optional(),
  directions: z.string().max(500).optional(),
});

export const schedule = z
  .object({
    ...keyed,
    _type: z.literal('schedule'),
    frequency: z.enum(frequencies),
    day: z.enum(weekdays),
    /** For monthly sessions: 1-4 for first to fourth, -1 for the last such weekday. */
    weekOfMonth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(-1)]).optional(),
    opensAt: clockTime,
    closesAt: clockTime,
    /** First date the pattern applies; for fortnightly sessions, a date the session runs. */
    validFrom: isoDate.optional(),
    validTo: isoDate.optional(),
    location: reference.optional(),
    note: z.string().max(200).optional(),
  })
  .refine(passes(closesAfterOpens), { message: ruleMessages.closesAfterOpens, path: ['closesAt'] })
  .refine(passes(monthlyNeedsWeek), { message: ruleMessages.monthlyNeedsWeek, path: ['weekOfMonth'] })
  .refine(passes(fortnightlyNeedsDate), { message: ruleMessages.fortnightlyNeedsDate, path: ['validFrom'] })
  .refine((s) => endsAfterStart(s.validFrom, s.validTo) === true, {
    message: ruleMessages.endsAfterStart,
    path: ['validTo'],
  });

export const closure = z
  .object({
    ...keyed,
    _type: z.literal('closure'),
    from: isoDate,
    to: isoDate.optional(),
    reason: z.string().min(2).max(120),
    /** Set when only this venue of the service is closed; its other venues keep their sessions. */
    location: reference.optional(),
  })
  .refine((c) => endsAfterStart(c.from, c.to) === true, { message: ruleMessages.endsAfterStart, path: ['to'] });

export const contact = z
  .object({
    ...keyed,
    _type: z.literal('contact'),
    name: z.string().max(80).optional(),
    role: z.string().max(80).optional(),
    phone: z.string().min(6).max(30).optional(),
    email: z.email().optional(),
  })
  .refine(passes(contactNeedsRoute), { message: ruleMessages.contactNeedsRoute });

export const service = z
  .object({
    _id: uuid,
    _type: z.literal('service'),
    name: z.string().min(3).max(100),
    slug,
    summary: z.string().min(20).max(200),
    description: z.string().min(50).max(4000),
    organisation: reference,
    categories: z.array(reference).min(1).max(4),
    areas: z.array(reference).min(1),
    /** Who it is for, in plain words ("Adults who feel lonely", "Carers of any age"). */
    forWhom: z.string().min(5).max(300),
    ageMin: z.number().int().min(0).max(120).optional(),
    ageMax: z.number().int().min(0).max(120).optional(),
    accessRoute: z.enum(accessRoutes),
    /** How to get in, in the provider's words (what to bring, who can refer). */
    accessDetails: z.string().max(500).optional(),
    accepting: z.enum(acceptingStates),
    free: z.boolean(),
    /** Required when not free: "£3 a session, concessions £1". */
    costDetails: z.string().max(200).optional(),
    languages: z.array(z.string().min(2)).min(1),
    accessibility: z.array(z.enum(accessibilityFeatures)).optional(),
    phone: z.string().min(6).max(30).optional(),
    email: z.email().optional(),
    website: z.url().optional(),
    contacts: z.array(contact).optional(),
    schedules: z.array(schedule).optional(),
    closures: z.array(closure).optional(),
    closedOnBankHolidays: z.boolean(),
    locations: z.array(reference).optional(),
    coverage: z.array(z.enum(coverageKinds)).min(1),
    status: z.enum(serviceStatuses),
    statusNote: z.string().max(200).optional(),
    verifiedOn: isoDate,
    verifiedBy: z.string().min(2).max(120),
    tags: z.array(z.string().min(2)).optional(),
  })
  .refine(passes(agesInOrder), { message: ruleMessages.agesInOrder, path: ['ageMax'] })
  .refine(passes(costNeeded), { message: ruleMessages.costNeeded, path: ['costDetails'] })
  .refine(passes(contactRouteNeeded), { message: ruleMessages.contactRouteNeeded, path: ['phone'] })
  .refine(passes(venueNeedsLocation), { message: ruleMessages.venueNeedsLocation, path: ['locations'] })
  .refine(passes(closedNeedsNote), { message: ruleMessages.closedNeedsNote, path: ['statusNote'] })
  .superRefine((value, context) => {
    (value.closures ?? []).forEach((closure, index) => {
      const verdict = closureVenueListed(closure.location, value.locations);
      if (verdict !== true)
        context.addIssue({ code: 'custom', message: verdict, path: ['closures', index, 'location'] });
    });
  });

export const siteSettings = z.object({
  _id: z.literal('siteSettings'),
  _type: z.literal('siteSettings'),
  title: z.string().min(2).max(60),
  description: z.string().min(10).max(300),
  /** When set, every page says the directory holds sample data. */
  sampleDataNotice: z.string().max(300).optional(),
  contactEmail: z.email(),
  /** Who decides how personal data is used (the data controller), named in the privacy notice. */
  dataController: z.string().min(2).max(200),
  /** Where to write to the data protection officer. */
  dataProtectionEmail: z.email(),
});

export const crisisContact = z.object({
  ...keyed,
  _type: z.literal('crisisContact'),
  name: z.string().min(2).max(80),
  /** What to do, in the imperative: "Call 111 and select option 2". */
  action: z.string().min(3).max(120),
  phone: z.string().max(30).optional(),
  sms: z.string().max(30).optional(),
  website: z.url().optional(),
  availability: z.string().min(2).max(80),
  details: z.string().min(10).max(500),
});

export const crisisSupport = z.object({
  _id: z.literal('crisisSupport'),
  _type: z.literal('crisisSupport'),
  title: z.string().min(5).max(80),
  intro: z.string().min(20).max(800),
  emergency: z.string().min(20).max(500),
  contacts: z.array(crisisContact).min(3),
  /** The team accountable for this content being right. */
  owner: z.string().min(2).max(120),
  reviewedOn: isoDate,
});

/** Text styles, lists and marks an editable page's body may use (Portable Text). */
export const pageBlockStyles = ['normal', 'h2', 'h3'] as const;
export const pageListStyles = ['bullet', 'number'] as const;
export const pageDecorators = ['strong', 'em'] as const;

/** A link in a page's text: a path on this site, a web address, or an email address. */
export const pageLink = z.object({
  ...keyed,
  _type: z.literal('link'),
  href: z
    .string()
    .regex(/^(\/[^\s]*|https:\/\/[^\s]+|mailto:[^\s@]+@[^\s@]+)$/, 'must start with /, https:// or mailto:'),
});

export const pageSpan = z.object({
  ...keyed,
  _type: z.literal('span'),
  text: z.string(),
  marks: z.array(z.string()),
});

/** One paragraph, heading or list item of Portable Text, as the Studio's editor stores it. */
export const pageBlock = z
  .object({
    ...keyed,
    _type: z.literal('block'),
    style: z.enum(pageBlockStyles),
    listItem: z.enum(pageListStyles).optional(),
    level: z.number().int().min(1).max(3).optional(),
    markDefs: z.array(pageLink),
    children: z.array(pageSpan).min(1),
  })
  .refine(
    (block) =>
      block.children.every((span) =>
        span.marks.every(
          (mark) =>
            (pageDecorators as readonly string[]).includes(mark) || block.markDefs.some((def) => def._key === mark),
        ),
      ),
    { message: 'every mark must be bold, italic or a link of this block', path: ['children'] },
  );

/**
 * Top-level paths the site's own routes answer, so no editable page can take one (it would never
 * be shown). A unit test keeps this in step with `site/pages/`.
 */
export const reservedPageSlugs = [
  '404',
  '500',
  'account',
  'admin',
  'api',
  'areas',
  'categories',
  'editor',
  'forbidden',
  'forgot-password',
  'healthz',
  'invite',
  'listings',
  'my-list',
  'organisations',
  'page-feedback',
  'partner',
  'r',
  'readyz',
  'referrals',
  'report',
  'reports',
  'reset-password',
  'search',
  'services',
  'sign-in',
  'sign-out',
  'suggest-a-listing',
  'urgent-help',
] as const;

/** Why a page's slug was refused, or true. Shared with the Studio's validation. */
export function pageSlugAllowed(current: string | undefined): true | string {
  if (current && (reservedPageSlugs as readonly string[]).includes(current))
    return `"/${current}" is already a page of the site: choose another web address`;
  return true;
}

/**
 * An editable page of the site (About, the accessibility statement, the privacy notice): its
 * words live in the CMS so the people accountable for them can keep them right.
 */
export const page = z.object({
  _id: uuid,
  _type: z.literal('page'),
  title: z.string().min(2).max(80),
  slug: slug.refine((value) => pageSlugAllowed(value.current) === true, {
    message: 'is the path of another page of the site',
  }),
  /** One or two sentences under the title, also the page's description for search engines. */
  summary: z.string().min(20).max(300),
  body: z.array(pageBlock).min(1),
  /** Ends the page with the data controller and data protection officer from site settings. */
  showDataProtectionContacts: z.boolean().optional(),
  /** The team accountable for this page being right. */
  owner: z.string().min(2).max(120),
  reviewedOn: isoDate,
});

/** Every content type by its `_type`. */
export const documentSchemas = {
  area,
  category,
  organisation,
  location,
  service,
  siteSettings,
  crisisSupport,
  page,
} as const;

export type DocumentType = keyof typeof documentSchemas;
export type Area = z.infer<typeof area>;
export type Category = z.infer<typeof category>;
export type Organisation = z.infer<typeof organisation>;
export type Location = z.infer<typeof location>;
export type Schedule = z.infer<typeof schedule>;
export type Closure = z.infer<typeof closure>;
export type Service = z.infer<typeof service>;
export type SiteSettings = z.infer<typeof siteSettings>;
export type CrisisSupport = z.infer<typeof crisisSupport>;
export type Page = z.infer<typeof page>;
export type PageBlock = z.infer<typeof pageBlock>;
