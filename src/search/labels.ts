/** Words for search filters, shared by the search page and its instant results. */
import { accessRouteLabels } from '../content/labels';
import type { ActiveFilter, LoosenSuggestion } from './index';

export const dayLabels: Record<string, string> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export const timeLabels: Record<string, string> = {
  morning: 'Morning (before 12pm)',
  afternoon: 'Afternoon (12pm to 5pm)',
  evening: 'Evening (from 5pm)',
};

export const remoteLabels: Record<string, string> = { online: 'Online', phone: 'By phone' };

/** The `when` choices, as the filter offers them. */
export const whenLabels: Record<string, string> = { now: 'Open now', today: 'On today', week: 'On this week' };

/** The `audience` vocabulary (see `./audience.ts`), as the filter offers it. */
export const audienceLabels: Record<string, string> = {
  'older-people': 'Older people (50 and over)',
  'young-people': 'Young people',
  women: 'Women',
  men: 'Men',
  carers: 'Carers',
  families: 'Families and children',
};

/** "Tuesday", "Free only", "Age 42": how an applied filter reads on its remove button. */
export function filterLabel(
  filter: ActiveFilter,
  names: { category: Map<string, string>; area: Map<string, string>; language?: Map<string, string> },
): string {
  switch (filter.param) {
    case 'category':
      return names.category.get(filter.value) ?? filter.value;
    case 'area':
      return names.area.get(filter.value) ?? filter.value;
    case 'day':
      return dayLabels[filter.value] ?? filter.value;
    case 'time':
      return (timeLabels[filter.value] ?? filter.value).replace(/ \(.*\)$/, '');
    case 'free':
      return 'Free only';
    case 'age':
      return `Age ${filter.value}`;
    case 'access':
      return accessRouteLabels[filter.value as keyof typeof accessRouteLabels] ?? filter.value;
    case 'accessible':
      return 'Step-free venue';
    case 'accepting':
      return 'Taking new people';
    case 'remote':
      return remoteLabels[filter.value] ?? filter.value;
    case 'when':
      return whenLabels[filter.value] ?? filter.value;
    case 'language':
      return `In ${names.language?.get(filter.value) ?? filter.value}`;
    case 'audience':
      return `For ${(audienceLabels[filter.value] ?? filter.value).toLowerCase().replace(/ \(.*\)$/, '')}`;
  }
}

/** What loosening a search means, in words: "Remove the day filter". */
export function loosenLabel(suggestion: LoosenSuggestion): string {
  const names: Record<LoosenSuggestion['param'], string> = {
    q: 'Search without your words',
    location: 'Search everywhere, not just near you',
    radius: 'Search further away',
    category: 'Remove the type of support',
    area: 'Remove the area',
    day: 'Remove the day',
    time: 'Remove the time of day',
    free: 'Include services that cost money',
    age: 'Remove the age',
    access: 'Remove how to get in',
    accessible: 'Include venues without step-free access',
    accepting: 'Include services with a waiting list',
    remote: 'Remove online or by phone',
    when: 'Remove when it is on',
    language: 'Remove the language',
    audience: 'Remove who it is for',
  };
  return names[suggestion.param];
}
