import { defineField, defineType } from 'sanity';
import { describeClosure } from '../../lib/describe';
import { endsAfterStart, scheduleLocationListed, type Ref } from '../../lib/rules';

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
    defineField({
      name: 'location',
      title: 'Venue',
      type: 'reference',
      description:
        "Only if one venue is closed and the service carries on at its others. Leave empty when the whole service is closed. Pick one of the service's locations.",
      to: [{ type: 'location' }],
      options: {
        filter: ({ document }) => {
          const ids = ((document as { locations?: Ref[] }).locations ?? []).map((ref) => ref._ref).filter(Boolean);
          return { filter: '_id in $ids', params: { ids } };
        },
      },
      validation: (rule) =>
        rule.custom((value: Ref | undefined, context) =>
          scheduleLocationListed(value, (context.document as { locations?: Ref[] } | undefined)?.locations),
        ),
    }),
  ],
  preview: {
    select: { from: 'from', to: 'to', reason: 'reason', venue: 'location.name' },
    prepare({ from, to, reason, venue }) {
      const dates = describeClosure(from, to);
      return { title: reason || 'Closure', subtitle: venue ? `${dates} at ${venue}` : dates };
    },
  },
});
