import { defineField, defineType } from 'sanity';
import { slugField } from '../fields';

/** A voluntary, community or statutory organisation that runs services (ORUK `organization`). */
export const organisation = defineType({
  name: 'organisation',
  title: 'Organisation',
  type: 'document',
  description: 'A charity, community group, council team or NHS team that runs services.',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: "The organisation's name as the public knows it.",
      validation: (rule) => rule.required().min(2).max(120),
    }),
    slugField('Used in web addresses for this organisation. Press "Generate" to make it from the name.'),
    defineField({
      name: 'description',
      title: 'About the organisation',
      type: 'text',
      rows: 5,
      description: 'What the organisation does and who it helps, in plain words. Shown on its page.',
      validation: (rule) => rule.required().min(20).max(2000),
    }),
    defineField({
      name: 'website',
      title: 'Website',
      type: 'url',
      description: "The organisation's main website, starting with https://.",
      validation: (rule) => rule.uri({ scheme: ['http', 'https'] }),
    }),
    defineField({
      name: 'email',
      title: 'Email',
      type: 'email',
      description: 'A general email address for the organisation.',
    }),
    defineField({
      name: 'phone',
      title: 'Phone',
      type: 'string',
      description: 'A general phone number, written as you would say it: "020 8123 4567".',
      validation: (rule) => rule.min(6).max(30),
    }),
    defineField({
      name: 'charityNumber',
      title: 'Charity number',
      type: 'string',
      description: 'Registered charity number, if it has one.',
      validation: (rule) => rule.max(20),
    }),
  ],
  orderings: [{ title: 'Name', name: 'nameAsc', by: [{ field: 'name', direction: 'asc' }] }],
  preview: {
    select: { name: 'name', charityNumber: 'charityNumber', website: 'website' },
    prepare({ name, charityNumber, website }) {
      return {
        title: name || 'Unnamed organisation',
        subtitle: charityNumber ? `Registered charity ${charityNumber}` : (website as string | undefined),
      };
    },
  },
});
