import { defineField, defineType } from 'sanity';
import { ukPostcode } from '../../../src/content/profile';
import { accessibilityFeatures, accessibilityTitles, optionList } from '../../lib/options';
import { matches, withinUk } from '../../lib/rules';

const postcodeFormat = matches(ukPostcode, 'Use a full UK postcode in capitals with one space, like "N17 9LA"');

/** A venue where services happen (ORUK `location` with its `physical_address`). */
export const location = defineType({
  name: 'location',
  title: 'Location',
  type: 'document',
  description: 'A venue where services happen: a community centre, library, cafe or office.',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'The venue\'s name as people know it: "Bruce Castle Museum", "St Ann\'s Library".',
      validation: (rule) => rule.required().min(2).max(120),
    }),
    defineField({
      name: 'organisation',
      title: 'Organisation',
      type: 'reference',
      description: 'The organisation that runs or books this venue.',
      to: [{ type: 'organisation' }],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'area',
      title: 'Area',
      type: 'reference',
      description: 'The borough the venue is in.',
      to: [{ type: 'area' }],
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'address',
      title: 'Address',
      type: 'object',
      description: 'The postal address. It is never shown if the address is confidential.',
      options: { collapsible: false },
      validation: (rule) => rule.required(),
      fields: [
        defineField({
          name: 'line1',
          title: 'Address line 1',
          type: 'string',
          description: 'Building and street: "Lordship Lane".',
          validation: (rule) => rule.required().min(2).max(120),
        }),
        defineField({
          name: 'line2',
          title: 'Address line 2',
          type: 'string',
          description: 'Optional. A second line, such as the neighbourhood.',
          validation: (rule) => rule.max(120),
        }),
        defineField({
          name: 'city',
          title: 'Town or city',
          type: 'string',
          description: 'Usually "London".',
          initialValue: 'London',
          validation: (rule) => rule.required().min(2).max(60),
        }),
        defineField({
          name: 'postcode',
          title: 'Postcode',
          type: 'string',
          description: 'The full postcode in capitals, with one space: "N17 8NU". Used to find services near people.',
          validation: (rule) => rule.required().custom(postcodeFormat),
        }),
      ],
    }),
    defineField({
      name: 'position',
      title: 'Map position',
      type: 'geopoint',
      description: 'Where the entrance is, for the map and for distances. Latitude and longitude.',
      validation: (rule) => rule.required().custom(withinUk),
    }),
    defineField({
      name: 'confidential',
      title: 'Confidential address',
      type: 'boolean',
      description:
        'Turn on for refuges and other places whose address must stay private. The address and map position are then never shown or published, and the venue is left off the map.',
      initialValue: false,
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'accessibility',
      title: 'Accessibility',
      type: 'array',
      description: 'What the venue offers. Tick only what you know to be true.',
      of: [{ type: 'string' }],
      options: { list: optionList(accessibilityFeatures, accessibilityTitles) },
      validation: (rule) => rule.unique(),
    }),
    defineField({
      name: 'directions',
      title: 'Directions',
      type: 'text',
      rows: 3,
      description: 'Optional. How to find the way in, nearest bus stops or stations, where to wait.',
      validation: (rule) => rule.max(500),
    }),
  ],
  orderings: [{ title: 'Name', name: 'nameAsc', by: [{ field: 'name', direction: 'asc' }] }],
  preview: {
    select: {
      name: 'name',
      postcode: 'address.postcode',
      confidential: 'confidential',
      organisationName: 'organisation.name',
    },
    prepare({ name, postcode, confidential, organisationName }) {
      const where = confidential ? 'Confidential address' : (postcode as string | undefined) || 'No postcode yet';
      return { title: name || 'Unnamed location', subtitle: [where, organisationName].filter(Boolean).join(' · ') };
    },
  },
});
