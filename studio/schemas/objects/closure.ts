import { defineField, defineType } from 'sanity';
import { describeClosure } from '../../lib/describe';
import { endsAfterStart } from '../../lib/rules';

/** A one-off closure of a service (holidays, building works) that overrides its sessions. */
export const closure = defineType({
  name: 'closure',
  title: 'Closure',
  type: 'object',
  description: 'A date or dates when the service is not running, even though a session is scheduled.',
  fields: [
    defineField({
      name: 'from',
      title: 'Closed from',
      type: 'date',
      description: 'The first day the service is closed.',
      options: { dateFormat: 'D MMMM YYYY' },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'to',
      title: 'Closed until',
      type: 'date',
      description: 'The last day the service is closed. Leave empty for a single day.',
      options: { dateFormat: 'D MMMM YYYY' },
      validation: (rule) =>
        rule.custom((value: string | undefined, context) =>
          endsAfterStart((context.parent as { from?: string } | undefined)?.from, value),
        ),
    }),
    defineField({
      name: 'reason',
      title: 'Reason',
      type: 'string',
      description: 'Why, in a few words people will understand: "Christmas break", "Building works".',
      validation: (rule) => rule.required().min(2).max(120),
    }),
  ],
  preview: {
    select: { from: 'from', to: 'to', reason: 'reason' },
    prepare({ from, to, reason }) {
      return { title: reason || 'Closure', subtitle: describeClosure(from, to) };
    },
  },
});
