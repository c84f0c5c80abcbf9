import { defineField, defineType } from 'sanity';

/** Site-wide settings (a singleton with the fixed id `siteSettings`). */
export const siteSettings = defineType({
  name: 'siteSettings',
  title: 'Site settings',
  type: 'document',
  description:
    "The directory's name, description, contact address and data protection contacts. There is only one of these.",
  fields: [
    defineField({
      name: 'title',
      title: 'Site name',
      type: 'string',
      description: 'Shown in the header and browser tab: "Signpost".',
      validation: (rule) => rule.required().min(2).max(60),
    }),
    defineField({
      name: 'description',
      title: 'Description',
      type: 'text',
      rows: 3,
      description: 'One or two sentences about the directory, used by search engines and when links are shared.',
      validation: (rule) => rule.required().min(10).max(300),
    }),
    defineField({
      name: 'sampleDataNotice',
      title: 'Sample data notice',
      type: 'text',
      rows: 2,
      description:
        'Only while the directory holds made-up listings: a notice shown on every page saying so. Empty it before going live.',
      validation: (rule) => rule.max(300),
    }),
    defineField({
      name: 'contactEmail',
      title: 'Contact email',
      type: 'email',
      description: 'Where people can write about the directory itself (not about a service).',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'dataController',
      title: 'Data controller',
      type: 'string',
      description:
        'The organisation that decides how personal data in the portal is used, named in the privacy notice.',
      validation: (rule) => rule.required().min(2).max(200),
    }),
    defineField({
      name: 'dataProtectionEmail',
      title: 'Data protection officer email',
      type: 'email',
      description: 'Where people write with questions or requests about their personal data.',
      validation: (rule) => rule.required(),
    }),
  ],
  preview: {
    select: { title: 'title', notice: 'sampleDataNotice' },
    prepare({ title, notice }) {
      return { title: title || 'Site settings', subtitle: notice ? 'Showing the sample data notice' : 'Site settings' };
    },
  },
});
