/** Plain-English words for the profile's coded values, shared by pages, Studio and feeds. */
import type {
  accessibilityFeatures,
  accessRoutes,
  acceptingStates,
  coverageKinds,
  partnerships,
  serviceStatuses,
} from './profile';

type LabelsOf<T extends readonly string[]> = Record<T[number], string>;

export const accessRouteLabels: LabelsOf<typeof accessRoutes> = {
  'drop-in': 'Drop in',
  'self-refer': 'Get in touch yourself',
  'referral-needed': 'Needs a referral',
  'via-connector': 'Through a community connector',
};

/** What a resident should do, for each way in. */
export const accessRouteAdvice: LabelsOf<typeof accessRoutes> = {
  'drop-in': 'You can just turn up during a session. You do not need to book.',
  'self-refer': 'Contact them yourself to join. You do not need a referral.',
  'referral-needed': 'You need a referral, for example from your GP, care coordinator or a community connector.',
  'via-connector':
    'A community connector (social prescribing link worker) can refer you. Ask your GP practice or mental health team.',
};

export const acceptingLabels: LabelsOf<typeof acceptingStates> = {
  yes: 'Taking new people',
  'waiting-list': 'Waiting list',
  paused: 'Not taking new people just now',
};

export const coverageLabels: LabelsOf<typeof coverageKinds> = {
  venue: 'At a venue',
  'borough-wide': 'Across the borough',
  online: 'Online',
  phone: 'By phone',
};

export const statusLabels: LabelsOf<typeof serviceStatuses> = {
  active: 'Running',
  'temporarily-closed': 'Temporarily closed',
  inactive: 'Not running',
  defunct: 'Closed',
};

export const partnershipLabels: LabelsOf<typeof partnerships> = {
  'north-london': 'North London',
  'east-london': 'East London',
  'bedfordshire-luton': 'Bedfordshire and Luton',
};

export const accessibilityLabels: LabelsOf<typeof accessibilityFeatures> = {
  'step-free-access': 'Step-free access',
  'accessible-toilet': 'Accessible toilet',
  lift: 'Lift',
  'hearing-loop': 'Hearing loop',
  'quiet-space': 'Quiet space',
  'large-print': 'Large print materials',
  'bsl-interpreter': 'British Sign Language interpreter',
  'assistance-dogs-welcome': 'Assistance dogs welcome',
  'parking-nearby': 'Parking nearby',
  'baby-changing': 'Baby changing',
};

/** "Ages 18 and over", "Ages 16 to 25", "All ages". */
export function ageRangeLabel(ageMin?: number | null, ageMax?: number | null): string {
  if (ageMin != null && ageMax != null) return `Ages ${ageMin} to ${ageMax}`;
  if (ageMin != null) return `Ages ${ageMin} and over`;
  if (ageMax != null) return `Up to age ${ageMax}`;
  return 'All ages';
}
