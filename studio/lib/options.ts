/**
 * Editor-facing titles for every enum in the content profile. The values come from
 * `src/content/profile.ts`; a `Record` over each enum makes a missing title a type error.
 */
import {
  acceptingStates,
  accessRoutes,
  accessibilityFeatures,
  coverageKinds,
  frequencies,
  partnerships,
  serviceStatuses,
  weekdays,
} from '../../src/content/profile';

type Titles<T extends readonly string[]> = Record<T[number], string>;

export const accessRouteTitles: Titles<typeof accessRoutes> = {
  'drop-in': 'Drop in',
  'self-refer': 'Self-refer',
  'referral-needed': 'Needs a referral',
  'via-connector': 'Via a community connector',
};

export const acceptingTitles: Titles<typeof acceptingStates> = {
  yes: 'Yes',
  'waiting-list': 'Waiting list',
  paused: 'Paused',
};

export const coverageTitles: Titles<typeof coverageKinds> = {
  venue: 'At a venue',
  'borough-wide': 'Borough-wide',
  online: 'Online',
  phone: 'By phone',
};

export const statusTitles: Titles<typeof serviceStatuses> = {
  active: 'Active',
  'temporarily-closed': 'Temporarily closed',
  inactive: 'Inactive',
  defunct: 'Defunct',
};

export const frequencyTitles: Titles<typeof frequencies> = {
  weekly: 'Every week',
  fortnightly: 'Every other week',
  monthly: 'Once a month',
};

export const weekdayTitles: Titles<typeof weekdays> = {
  monday: 'Monday',
  tuesday: 'Tuesday',
  wednesday: 'Wednesday',
  thursday: 'Thursday',
  friday: 'Friday',
  saturday: 'Saturday',
  sunday: 'Sunday',
};

export const partnershipTitles: Titles<typeof partnerships> = {
  'north-london': 'North London',
  'east-london': 'East London',
  'bedfordshire-luton': 'Bedfordshire and Luton',
};

export const accessibilityTitles: Titles<typeof accessibilityFeatures> = {
  'step-free-access': 'Step-free access',
  'accessible-toilet': 'Accessible toilet',
  lift: 'Lift',
  'hearing-loop': 'Hearing loop',
  'quiet-space': 'Quiet space',
  'large-print': 'Large print',
  'bsl-interpreter': 'BSL interpreter',
  'assistance-dogs-welcome': 'Assistance dogs welcome',
  'parking-nearby': 'Parking nearby',
  'baby-changing': 'Baby changing',
};

/** Week-of-month values the profile allows for monthly sessions (1-4, or -1 for the last). */
export const weekOfMonthValues = [1, 2, 3, 4, -1] as const;

export const weekOfMonthTitles: Record<(typeof weekOfMonthValues)[number], string> = {
  1: 'First',
  2: 'Second',
  3: 'Third',
  4: 'Fourth',
  [-1]: 'Last',
};

/** Turns profile enum values and their titles into a Sanity `options.list`, in profile order. */
export function optionList<const T extends string | number>(
  values: readonly T[],
  titles: Record<T, string>,
): { title: string; value: T }[] {
  return values.map((value) => ({ title: titles[value], value }));
}

export {
  acceptingStates,
  accessRoutes,
  accessibilityFeatures,
  coverageKinds,
  frequencies,
  partnerships,
  serviceStatuses,
  weekdays,
};
