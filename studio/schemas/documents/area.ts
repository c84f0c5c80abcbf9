import { defineArrayMember, defineField, defineType } from 'sanity';
import { area as areaProfile } from '../../../src/content/profile';
import { optionList, partnershipTitles, partnerships } from '../../lib/options';
import { matches, withinUk } from '../../lib/rules';
import { slugField } from '../fields';

const outcodeFormat = matches(
  areaProfile.shape.postcodeDistricts.element,
  'Use a postcode district in capitals, like "N17" or "E1W"',
);

/** A borough the directory covers (ORUK `service_area`). */
export const area = defineType({
  name: 'area',
  title: 'Area',
  type: 'document',
  description: 'A borough that services can cover. People filter the directory by area.',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'The borough\'s everyday name: "Haringey", "City and Hackney".',
      validation: (rule) => rule.required().min(2).max(60),
    }),
    slugField('Used in web addresses for this area. Press "Generate" to make it from the name.'),
    defineField({
      name: 'partnership',
      title: 'Partnership',
      type: 'string',
      description: 'Which community mental health partnership this borough belongs to.',
      options: { list: optionList(partnerships, partnershipTitles), layout: 'radio' },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'postcodeDistricts',
      title: 'Postcode districts',
      type: 'array',
      description:
        'The first half of postcodes that lie mostly in this borough, such as "N17". Used to work out someone\'s area from their postcode.',
      of: [defineArrayMember({ type: 'string', validation: (rule) => rule.custom(outcodeFormat) })],
      options: { layout: 'tags' },
      validation: (rule) => rule.required().min(1).unique(),
    }),
    defineField({
      name: 'centre',
      title: 'Centre point',
      type: 'geopoint',
      description: 'A point roughly in the middle of the borough, used to centre the map and measure distances.',
      validation: (rule) => rule.required().custom(withinUk),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 3,
      description: "Optional. A sentence or two shown on the area's page.",
      validation: (rule) => rule.max(500),
    }),
  ],
  orderings: [{ title: 'Name', name: 'nameAsc', by: [{ field: 'name', direction: 'asc' }] }],
  preview: {
    select: { name: 'name', partnership: 'partnership', districts: 'postcodeDistricts' },
    prepare({ name, partnership, districts }) {
      const partnershipTitle = (partnershipTitles as Record<string, string>)[partnership as string];
      const list = Array.isArray(districts) ? (districts as string[]).join(', ') : '';
      return { title: name || 'Unnamed area', subtitle: [partnershipTitle, list].filter(Boolean).join(' · ') };
    },
  },
});
