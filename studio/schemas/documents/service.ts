import { defineArrayMember, defineField, defineType } from 'sanity';
import { serviceSubtitle } from '../../lib/describe';
import {
  acceptingStates,
  acceptingTitles,
  accessRouteTitles,
  accessRoutes,
  accessibilityFeatures,
  accessibilityTitles,
  coverageKinds,
  coverageTitles,
  optionList,
  serviceStatuses,
  statusTitles,
} from '../../lib/options';
import {
  agesInOrder,
  closedNeedsNote,
  contactRouteNeeded,
  costNeeded,
  notInFuture,
  venueNeedsLocation,
  verificationDue,
  type ServiceLike,
} from '../../lib/rules';
import { slugField } from '../fields';

const asService = (document: unknown): ServiceLike => (document ?? {}) as ServiceLike;

/** A service or activity people can go to (ORUK `service`), held to the Signpost profile. */
export const service = defineType({
  name: 'service',
  title: 'Service',
  type: 'document',
  description: 'A service or activity people can use: a group, class, drop-in, advice line or course.',
  groups: [
    { name: 'basics', title: 'Basics', default: true },
    { name: 'who', title: 'Who and how' },
    { name: 'when', title: 'When' },
    { name: 'where', title: 'Where' },
    { name: 'contact', title: 'Contact' },
    { name: 'verification', title: 'Verification' },
  ],
  fieldsets: [
    {
      name: 'ages',
      title: 'Ages',
      description: 'Leave both empty if it is open to all ages.',
      options: { columns: 2 },
    },
  ],
  fields: [
    // Basics
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      group: 'basics',
      description: 'What people call it: "Tuesday Walking Group", "Debt advice drop-in".',
      validation: (rule) => rule.required().min(3).max(100),
    }),
    slugField('Used in the web address of this service. Press "Generate" to make it from the name.', 'basics'),
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'text',
      rows: 2,
      group: 'basics',
      description: 'One sentence shown in search results: what it is and why someone might go.',
      validation: (rule) => rule.required().min(20).max(200),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 8,
      group: 'basics',
      description:
        'What happens there, what to expect on a first visit, and anything to bring. Plain words, short paragraphs.',
      validation: (rule) => rule.required().min(50).max(4000),
    }),
    defineField({
      name: 'organisation',
      title: 'Organisation',
      type: 'reference',
      group: 'basics',
      description: 'The organisation that runs it.',
      to: [{ type: 'organisation' }],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'categories',
      title: 'Categories',
      type: 'array',
      group: 'basics',
      description: 'The kinds of support it offers: at least one, at most four. Put the main one first.',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'category' }] })],
      validation: (rule) => rule.required().min(1).max(4).unique(),
    }),
    defineField({
      name: 'tags',
      title: 'Tags',
      type: 'array',
      group: 'basics',
      description: 'Optional. Extra words that help people find it, such as "gardening" or "women only".',
      of: [defineArrayMember({ type: 'string', validation: (rule) => rule.min(2) })],
      options: { layout: 'tags' },
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'status',
      title: 'Status',
      type: 'string',
      group: ['basics', 'verification'],
      description:
        'Whether it is running. "Temporarily closed" keeps it listed with a note; "Inactive" and "Defunct" take it out of search.',
      options: { list: optionList(serviceStatuses, statusTitles), layout: 'radio' },
      initialValue: 'active',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'statusNote',
      title: 'Status note',
      type: 'string',
      group: ['basics', 'verification'],
      description: 'Needed when temporarily closed: why, and until when ("Closed for refurbishment until 3 March").',
      validation: (rule) => rule.max(200).custom((_value, context) => closedNeedsNote(asService(context.document))),
    }),

    // Who and how
    defineField({
      name: 'forWhom',
      title: 'Who it is for',
      type: 'string',
      group: 'who',
      description: 'In plain words: "Adults who feel lonely", "Carers of any age", "Men over 50".',
      validation: (rule) => rule.required().min(5).max(300),
    }),
    defineField({
      name: 'ageMin',
      title: 'Youngest age',
      type: 'number',
      group: 'who',
      fieldset: 'ages',
      description: 'The youngest age it accepts, in years.',
      validation: (rule) => rule.integer().min(0).max(120),
    }),
    defineField({
      name: 'ageMax',
      title: 'Oldest age',
      type: 'number',
      group: 'who',
      fieldset: 'ages',
      description: 'The oldest age it accepts, in years.',
      validation: (rule) =>
        rule
          .integer()
          .min(0)
          .max(120)
          .custom((_value, context) => agesInOrder(asService(context.document))),
    }),
    defineField({
      name: 'accessRoute',
      title: 'How to get in',
      type: 'string',
      group: 'who',
      description: 'Can people just turn up, contact it themselves, or do they need someone to refer them?',
      options: { list: optionList(accessRoutes, accessRouteTitles), layout: 'radio' },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'accessDetails',
      title: 'How to get in: details',
      type: 'text',
      rows: 3,
      group: 'who',
      description: "Optional. In the provider's words: who can refer, what to bring, what happens first.",
      validation: (rule) => rule.max(500),
    }),
    defineField({
      name: 'accepting',
      title: 'Taking new people',
      type: 'string',
      group: 'who',
      description: 'Whether it is taking new people now.',
      options: { list: optionList(acceptingStates, acceptingTitles), layout: 'radio', direction: 'horizontal' },
      initialValue: 'yes',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'free',
      title: 'Free',
      type: 'boolean',
      group: 'who',
      description: 'On if it costs nothing to take part. If it is not free, say what it costs below.',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'costDetails',
      title: 'Cost',
      type: 'string',
      group: 'who',
      description: 'What it costs and any concessions: "£3 a session, concessions £1". Needed when it is not free.',
      hidden: ({ document }) => document?.free === true,
      validation: (rule) => rule.max(200).custom((_value, context) => costNeeded(asService(context.document))),
    }),
    defineField({
      name: 'languages',
      title: 'Languages',
      type: 'array',
      group: 'who',
      description: 'Languages the session is run in or support is offered in. Type one and press Enter.',
      of: [defineArrayMember({ type: 'string', validation: (rule) => rule.min(2) })],
      options: { layout: 'tags' },
      initialValue: ['English'],
      validation: (rule) => rule.required().min(1).unique(),
    }),
    defineField({
      name: 'accessibility',
      title: 'Accessibility',
      type: 'array',
      group: 'who',
      description: 'What the service itself offers, beyond its venues. Tick only what you know to be true.',
      of: [defineArrayMember({ type: 'string' })],
      options: { list: optionList(accessibilityFeatures, accessibilityTitles) },
      validation: (rule) => rule.unique(),
    }),

    // When
    defineField({
      name: 'schedules',
      title: 'Sessions',
      type: 'array',
      group: 'when',
      description:
        'When it runs. Add one session for each regular day and time. Leave empty if it is "any time" or by appointment.',
      of: [defineArrayMember({ type: 'schedule' })],
    }),
    defineField({
      name: 'closures',
      title: 'Closures',
      type: 'array',
      group: 'when',
      description: 'Dates it is not running even though a session is scheduled, such as the Christmas break.',
      of: [defineArrayMember({ type: 'closure' })],
    }),
    defineField({
      name: 'closedOnBankHolidays',
      title: 'Closed on bank holidays',
      type: 'boolean',
      group: 'when',
      description: 'On if sessions do not run on bank holidays in England.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),

    // Where
    defineField({
      name: 'areas',
      title: 'Areas',
      type: 'array',
      group: 'where',
      description: 'The boroughs whose residents can use it. At least one.',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'area' }] })],
      validation: (rule) => rule.required().min(1).unique(),
    }),
    defineField({
      name: 'coverage',
      title: 'How it is delivered',
      type: 'array',
      group: 'where',
      description: 'Tick all that apply. "At a venue" needs at least one location below.',
      of: [defineArrayMember({ type: 'string' })],
      options: { list: optionList(coverageKinds, coverageTitles) },
      validation: (rule) => rule.required().min(1).unique(),
    }),
    defineField({
      name: 'locations',
      title: 'Locations',
      type: 'array',
      group: 'where',
      description: 'The venues where it happens. Sessions can then say which venue they are at.',
      of: [defineArrayMember({ type: 'reference', to: [{ type: 'location' }] })],
      validation: (rule) => rule.unique().custom((_value, context) => venueNeedsLocation(asService(context.document))),
    }),

    // Contact
    defineField({
      name: 'phone',
      title: 'Phone',
      type: 'string',
      group: 'contact',
      description: 'A number people can call about this service, written as you would say it: "020 8123 4567".',
      validation: (rule) =>
        rule
          .min(6)
          .max(30)
          .custom((_value, context) => contactRouteNeeded(asService(context.document))),
    }),
    defineField({
      name: 'email',
      title: 'Email',
      type: 'email',
      group: 'contact',
      description: 'An email address for this service that someone reads.',
    }),
    defineField({
      name: 'website',
      title: 'Website',
      type: 'url',
      group: 'contact',
      description: "A page about this service (better than the organisation's home page), starting with https://.",
      validation: (rule) => rule.uri({ scheme: ['http', 'https'] }),
    }),
    defineField({
      name: 'contacts',
      title: 'Contacts',
      type: 'array',
      group: 'contact',
      description: 'Optional. Named people or teams to contact, each with a phone number or email.',
      of: [defineArrayMember({ type: 'contact' })],
    }),

    // Verification
    defineField({
      name: 'verifiedOn',
      title: 'Verified on',
      type: 'date',
      group: 'verification',
      description:
        'The date someone last checked every detail with the provider. Not the same as the last edit: only change it after checking ("Mark as checked" sets it to today and publishes). Listings are due for re-verification after 12 months.',
      options: { dateFormat: 'D MMMM YYYY' },
      validation: (rule) => [
        rule.required().custom((value: string | undefined) => notInFuture(value)),
        rule.custom((value: string | undefined) => verificationDue(value)).warning(),
      ],
    }),
    defineField({
      name: 'verifiedBy',
      title: 'Verified by',
      type: 'string',
      group: 'verification',
      description:
        'Who checked it, shown on the listing ("Checked on ... by ..."). "Mark as checked" puts in your name from Sanity; otherwise prefer a team or role, for example "Haringey connector team".',
      validation: (rule) => rule.required().min(2).max(120),
    }),
  ],
  orderings: [
    { title: 'Name', name: 'nameAsc', by: [{ field: 'name', direction: 'asc' }] },
    { title: 'Least recently verified', name: 'verifiedOnAsc', by: [{ field: 'verifiedOn', direction: 'asc' }] },
  ],
  preview: {
    select: { name: 'name', organisationName: 'organisation.name', status: 'status', accepting: 'accepting' },
    prepare({ name, organisationName, status, accepting }) {
      return { title: name || 'Unnamed service', subtitle: serviceSubtitle({ organisationName, status, accepting }) };
    },
  },
});
