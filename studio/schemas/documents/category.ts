import { defineArrayMember, defineField, defineType } from 'sanity';
import { notOwnParent, type Ref } from '../../lib/rules';
import { slugField } from '../fields';

/** A kind of support people look for (ORUK `taxonomy_term`), optionally under a broader one. */
export const category = defineType({
  name: 'category',
  title: 'Category',
  type: 'document',
  description: 'A kind of support, such as "Money and benefits" or "Arts and crafts". Every service has one to four.',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'Short and in everyday words, as people would search for it: "Money and benefits".',
      validation: (rule) => rule.required().min(2).max(60),
    }),
    slugField('Used in web addresses for this category. Press "Generate" to make it from the name.'),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 3,
      description: 'One or two sentences saying what kind of support this covers. Shown on the category page.',
      validation: (rule) => rule.required().min(10).max(300),
    }),
    defineField({
      name: 'parent',
      title: 'Part of',
      type: 'reference',
      description:
        'Optional. A broader category this one sits under, for example "Debt advice" under "Money and benefits".',
      to: [{ type: 'category' }],
      options: {
        filter: ({ document }) => ({
          filter: '_id != $id',
          params: { id: (document._id ?? '').replace(/^drafts\./, '') },
        }),
      },
      validation: (rule) =>
        rule.custom((value: Ref | undefined, context) => notOwnParent(value, context.document?._id)),
    }),
    defineField({
      name: 'keywords',
      title: 'Other words people use',
      type: 'array',
      description:
        'Words and phrases people might search for instead of the name, such as "skint" or "universal credit". They help search find this category.',
      of: [defineArrayMember({ type: 'string', validation: (rule) => rule.min(2) })],
      options: { layout: 'tags' },
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'reviewEveryMonths',
      title: 'Check listings every (months)',
      type: 'number',
      description:
        'Optional. How often partners are asked to confirm listings in this category are still right; 12 months if empty. A listing in several categories uses the shortest.',
      validation: (rule) => rule.integer().min(1).max(36),
    }),
  ],
  orderings: [{ title: 'Name', name: 'nameAsc', by: [{ field: 'name', direction: 'asc' }] }],
  preview: {
    select: { name: 'name', parentName: 'parent.name' },
    prepare({ name, parentName }) {
      return {
        title: name || 'Unnamed category',
        subtitle: parentName ? `Part of ${parentName}` : 'Top-level category',
      };
    },
  },
});
