import { defineArrayMember, defineField, defineType } from 'sanity';
import { formatDate } from '../../lib/dates';
import { crisisReviewDue, notInFuture } from '../../lib/rules';

/** The "Need urgent help?" page (a singleton with the fixed id `crisisSupport`). */
export const crisisSupport = defineType({
  name: 'crisisSupport',
  title: 'Crisis support',
  type: 'document',
  description:
    'The "Need urgent help?" page linked from every page of the site. It must always be right: review it at least every 6 months.',
  fields: [
    defineField({
      name: 'title',
      title: 'Page title',
      type: 'string',
      description: 'The page heading: "Get help now".',
      validation: (rule) => rule.required().min(5).max(80),
    }),
    defineField({
      name: 'intro',
      title: 'Introduction',
      type: 'text',
      rows: 4,
      description: 'A short, calm opening: who this page is for and that help is available now.',
      validation: (rule) => rule.required().min(20).max(800),
    }),
    defineField({
      name: 'emergency',
      title: 'Emergency message',
      type: 'text',
      rows: 3,
      description: 'What to do if life is at risk right now: call 999 or go to A&E.',
      validation: (rule) => rule.required().min(20).max(500),
    }),
    defineField({
      name: 'contacts',
      title: 'Where to get help',
      type: 'array',
      description: 'At least three services, most urgent first: NHS 111 (mental health option), Samaritans, Shout.',
      of: [defineArrayMember({ type: 'crisisContact' })],
      validation: (rule) => rule.required().min(3),
    }),
    defineField({
      name: 'owner',
      title: 'Owner',
      type: 'string',
      description: 'The team accountable for this page being right.',
      validation: (rule) => rule.required().min(2).max(120),
    }),
    defineField({
      name: 'reviewedOn',
      title: 'Reviewed on',
      type: 'date',
      description:
        'The date the owner last checked every number and message on this page. Review at least every 6 months.',
      options: { dateFormat: 'D MMMM YYYY' },
      validation: (rule) => [
        rule.required().custom((value: string | undefined) => notInFuture(value)),
        rule.custom((value: string | undefined) => crisisReviewDue(value)).warning(),
      ],
    }),
  ],
  preview: {
    select: { title: 'title', owner: 'owner', reviewedOn: 'reviewedOn' },
    prepare({ title, owner, reviewedOn }) {
      const reviewed = reviewedOn ? `Reviewed ${formatDate(reviewedOn as string)}` : 'Not reviewed yet';
      return { title: title || 'Crisis support', subtitle: [reviewed, owner].filter(Boolean).join(' · ') };
    },
  },
});
