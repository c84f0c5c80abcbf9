import { defineField, defineType } from 'sanity';

/** One place to get urgent help, shown on the "Need urgent help?" page. */
export const crisisContact = defineType({
  name: 'crisisContact',
  title: 'Crisis contact',
  type: 'object',
  description: 'A service people can contact in a mental health crisis, such as NHS 111 or Samaritans.',
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'The service\'s name as people know it: "NHS 111", "Samaritans".',
      validation: (rule) => rule.required().min(2).max(80),
    }),
    defineField({
      name: 'action',
      title: 'What to do',
      type: 'string',
      description: 'One instruction, starting with a verb: "Call 111 and select the mental health option".',
      validation: (rule) => rule.required().min(3).max(120),
    }),
    defineField({
      name: 'phone',
      title: 'Phone number',
      type: 'string',
      description: 'The number to call, as people would dial it: "116 123". Leave empty if there is none.',
      validation: (rule) => rule.max(30),
    }),
    defineField({
      name: 'sms',
      title: 'Text number',
      type: 'string',
      description: 'The number to text, if the service works by text message: "85258".',
      validation: (rule) => rule.max(30),
    }),
    defineField({
      name: 'website',
      title: 'Website',
      type: 'url',
      description: "The service's own page about getting help, starting with https://.",
      validation: (rule) => rule.uri({ scheme: ['http', 'https'] }),
    }),
    defineField({
      name: 'availability',
      title: 'When it is available',
      type: 'string',
      description: 'Opening hours in plain words: "24 hours a day, every day".',
      validation: (rule) => rule.required().min(2).max(80),
    }),
    defineField({
      name: 'details',
      title: 'Details',
      type: 'text',
      rows: 3,
      description: 'Who it is for and what happens when you contact them, in one or two short sentences.',
      validation: (rule) => rule.required().min(10).max(500),
    }),
  ],
  preview: {
    select: { name: 'name', action: 'action', availability: 'availability' },
    prepare({ name, action, availability }) {
      return { title: name || 'Crisis contact', subtitle: [action, availability].filter(Boolean).join(' · ') };
    },
  },
});
