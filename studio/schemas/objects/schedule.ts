import { defineField, defineType } from 'sanity';
import { clockTime } from '../../../src/content/profile';
import { describeSchedule } from '../../lib/describe';
import {
  frequencies,
  frequencyTitles,
  optionList,
  weekOfMonthTitles,
  weekOfMonthValues,
  weekdayTitles,
  weekdays,
} from '../../lib/options';
import {
  closesAfterOpens,
  endsAfterStart,
  fortnightlyNeedsDate,
  matches,
  monthlyNeedsWeek,
  scheduleLocationListed,
  type Ref,
  type ScheduleLike,
} from '../../lib/rules';

const timeFormat = matches(clockTime, 'Use a 24-hour time like "09:30" or "14:00"');

/** One regular session of a service (ORUK `schedule`): a weekday, times, and how often. */
export const schedule = defineType({
  name: 'schedule',
  title: 'Session',
  type: 'object',
  description: 'A regular session. Add one for each day and time the service runs.',
  fields: [
    defineField({
      name: 'frequency',
      title: 'How often',
      type: 'string',
      description: 'Every week, every other week, or once a month.',
      options: { list: optionList(frequencies, frequencyTitles), layout: 'radio', direction: 'horizontal' },
      initialValue: 'weekly',
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'day',
      title: 'Day',
      type: 'string',
      description: 'The day of the week the session runs.',
      options: { list: optionList(weekdays, weekdayTitles) },
      validation: (rule) => rule.required(),
    }),
    defineField({
      name: 'weekOfMonth',
      title: 'Week of the month',
      type: 'number',
      description: 'For monthly sessions: which one in the month, for example the first Tuesday or the last Friday.',
      options: { list: optionList(weekOfMonthValues, weekOfMonthTitles) },
      hidden: ({ parent }) => (parent as ScheduleLike | undefined)?.frequency !== 'monthly',
      validation: (rule) => rule.custom((_value, context) => monthlyNeedsWeek(context.parent as ScheduleLike)),
    }),
    defineField({
      name: 'opensAt',
      title: 'Starts at',
      type: 'string',
      description: 'Start time, 24-hour clock, London time: "10:00".',
      placeholder: '10:00',
      validation: (rule) => rule.required().custom(timeFormat),
    }),
    defineField({
      name: 'closesAt',
      title: 'Ends at',
      type: 'string',
      description: 'End time, 24-hour clock, London time: "12:00". Must be after the start time.',
      placeholder: '12:00',
      validation: (rule) =>
        rule
          .required()
          .custom(timeFormat)
          .custom((_value, context) => closesAfterOpens(context.parent as ScheduleLike)),
    }),
    defineField({
      name: 'validFrom',
      title: 'From',
      type: 'date',
      description:
        'The first date this pattern applies. For sessions every other week, put a date the session actually runs.',
      options: { dateFormat: 'D MMMM YYYY' },
      validation: (rule) => rule.custom((_value, context) => fortnightlyNeedsDate(context.parent as ScheduleLike)),
    }),
    defineField({
      name: 'validTo',
      title: 'Until',
      type: 'date',
      description: 'The last date this pattern applies. Leave empty if it carries on.',
      options: { dateFormat: 'D MMMM YYYY' },
      validation: (rule) =>
        rule.custom((value: string | undefined, context) =>
          endsAfterStart((context.parent as ScheduleLike | undefined)?.validFrom, value),
        ),
    }),
    defineField({
      name: 'location',
      title: 'Venue',
      type: 'reference',
      description:
        "Where this session happens, if the service runs at more than one venue. Pick one of the service's locations.",
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
    defineField({
      name: 'note',
      title: 'Note',
      type: 'string',
      description: 'Anything people should know about this session, in a few words: "Women only", "Term time only".',
      validation: (rule) => rule.max(200),
    }),
  ],
  preview: {
    select: {
      frequency: 'frequency',
      day: 'day',
      weekOfMonth: 'weekOfMonth',
      opensAt: 'opensAt',
      closesAt: 'closesAt',
      venue: 'location.name',
      note: 'note',
    },
    prepare({ venue, note, ...rest }) {
      return {
        title: describeSchedule(rest),
        subtitle: [venue, note].filter(Boolean).join(' · ') || undefined,
      };
    },
  },
});
