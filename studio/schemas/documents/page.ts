import { defineArrayMember, defineField, defineType } from 'sanity';
import {
  area as areaProfile,
  pageBlockStyles,
  pageDecorators,
  pageLink,
  pageListStyles,
  pageSlugAllowed,
} from '../../../src/content/profile';
import { formatDate, monthsBefore, todayInLondon } from '../../lib/dates';
import { matches, notInFuture } from '../../lib/rules';
import { slugify } from '../../lib/slug';

/** Pages such as the accessibility statement must be reviewed at least once a year. */
const PAGE_REVIEW_MONTHS = 12;

const styleTitles: Record<(typeof pageBlockStyles)[number], string> = {
  normal: 'Paragraph',
  h2: 'Heading',
  h3: 'Subheading',
};
const listTitles: Record<(typeof pageListStyles)[number], string> = { bullet: 'Bullets', number: 'Numbered' };
const decoratorTitles: Record<(typeof pageDecorators)[number], string> = { strong: 'Bold', em: 'Italic' };

const slugFormat = matches(
  areaProfile.shape.slug.shape.current,
  'Use lower-case words joined by single hyphens, like "about" (press "Generate")',
);
const linkFormat = matches(
  pageLink.shape.href,
  'Start with / for a page of this site, https:// for another website, or mailto: for an email address',
);

/** An editable page: About, the accessibility statement, the privacy notice, and others like them. */
export const page = defineType({
  name: 'page',
  title: 'Page',
  type: 'document',
  description:
    'A page of information about the directory itself. The About page, accessibility statement and privacy notice are linked from every page.',
  fields: [
    defineField({
      name: 'title',
      title: 'Title',
      type: 'string',
      description: 'The page heading, in plain words: "Accessibility statement".',
      validation: (rule) => rule.required().min(2).max(80),
    }),
    defineField({
      name: 'slug',
      title: 'Web address',
      type: 'slug',
      description:
        'The page is at /<this>. Every page links to "about", "accessibility-statement" and "privacy-notice": do not change those.',
      options: { source: 'title', maxLength: 96, slugify },
      validation: (rule) =>
        rule.required().custom((value: { current?: string } | undefined) => {
          const format = slugFormat(value?.current);
          return format === true ? pageSlugAllowed(value?.current) : format;
        }),
    }),
    defineField({
      name: 'summary',
      title: 'Summary',
      type: 'text',
      rows: 3,
      description: 'One or two sentences shown under the title, and by search engines.',
      validation: (rule) => rule.required().min(20).max(300),
    }),
    defineField({
      name: 'body',
      title: 'Text',
      type: 'array',
      description: 'The page itself. Use headings for each part, short paragraphs and lists, in plain English.',
      of: [
        defineArrayMember({
          type: 'block',
          styles: pageBlockStyles.map((value) => ({ title: styleTitles[value], value })),
          lists: pageListStyles.map((value) => ({ title: listTitles[value], value })),
          marks: {
            decorators: pageDecorators.map((value) => ({ title: decoratorTitles[value], value })),
            annotations: [
              defineArrayMember({
                name: 'link',
                title: 'Link',
                type: 'object',
                fields: [
                  defineField({
                    name: 'href',
                    title: 'Link to',
                    type: 'string',
                    description: 'A page of this site ("/urgent-help"), a website (https://...) or mailto:address.',
                    validation: (rule) => rule.required().custom((value: string | undefined) => linkFormat(value)),
                  }),
                ],
              }),
            ],
          },
        }),
      ],
      validation: (rule) => rule.required().min(1),
    }),
    defineField({
      name: 'showDataProtectionContacts',
      title: 'Show the data protection contacts',
      type: 'boolean',
      description:
        'For the privacy notice: ends the page with the data controller and data protection officer from Site settings.',
      initialValue: false,
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
      description: `The date the owner last checked the whole page. Review it at least every ${PAGE_REVIEW_MONTHS} months.`,
      options: { dateFormat: 'D MMMM YYYY' },
      validation: (rule) => [
        rule.required().custom((value: string | undefined) => notInFuture(value)),
        rule
          .custom((value: string | undefined) =>
            !value || value >= monthsBefore(todayInLondon(), PAGE_REVIEW_MONTHS)
              ? true
              : `Last reviewed on ${formatDate(value)}: due for review (every ${PAGE_REVIEW_MONTHS} months)`,
          )
          .warning(),
      ],
    }),
  ],
  preview: {
    select: { title: 'title', slug: 'slug.current', reviewedOn: 'reviewedOn' },
    prepare({ title, slug, reviewedOn }) {
      const reviewed = reviewedOn ? `reviewed ${formatDate(reviewedOn as string)}` : 'not reviewed yet';
      return { title: title || 'Page', subtitle: `/${(slug as string | undefined) ?? ''} · ${reviewed}` };
    },
  },
});
