import { defineField, defineType } from 'sanity';
import { contactNeedsRoute } from '../../lib/rules';

/** A named person or role to contact about a service (ORUK `contact`). */
export const contact = defineType({
  name: 'contact',
  title: 'Contact',
  type: 'object',
  description: 'Someone people or connectors can contact about this service. Needs a phone number or an email.',
  validation: (rule) => rule.custom((value) => contactNeedsRoute(value as { phone?: string; email?: string })),
  fields: [
    defineField({
      name: 'name',
      title: 'Name',
      type: 'string',
      description: 'The person or team, as they want it shown publicly: "Amina (group lead)" or "Referrals team".',
      validation: (rule) => rule.max(80),
    }),
    defineField({
      name: 'role',
      title: 'Role',
      type: 'string',
      description: 'What they do or what to contact them about: "Referrals", "Volunteer coordinator".',
      validation: (rule) => rule.max(80),
    }),
    defineField({
      name: 'phone',
      title: 'Phone',
      type: 'string',
      description: 'A phone number people can call, written as you would say it: "020 8123 4567".',
      validation: (rule) => rule.min(6).max(30),
    }),
    defineField({
      name: 'email',
      title: 'Email',
      type: 'email',
      description: 'An email address that someone reads. Avoid personal addresses where a team one exists.',
    }),
  ],
  preview: {
    select: { name: 'name', role: 'role', phone: 'phone', email: 'email' },
    prepare({ name, role, phone, email }) {
      return {
        title: name || role || 'Contact',
        subtitle: [name ? role : undefined, phone, email].filter(Boolean).join(' · ') || 'No phone or email yet',
      };
    },
  },
});
