/**
 * The outbox templates Signpost queues and the personalisation fields each carries, so a Notify
 * template can be written for each (`((link))`, `((expiresInMinutes))`, ...). Fields marked
 * secret hold a capability link: never shown in the admins' outbox page or any log.
 */
export const OUTBOX_TEMPLATES: Record<
  string,
  {
    description: string;
    fields: string[];
    secretFields: string[];
    /**
     * Fields holding text people typed (a listing's name, an editor's message): Notify is asked
     * to sanitise them (Markdown escaped, links removed), so no one can put a link or formatting
     * into an email sent in Signpost's name.
     */
    typedFields?: string[];
  }
> = {
  'password-reset': {
    description: 'A link to choose a new password (asked for at /forgot-password)',
    fields: ['link', 'expiresInMinutes'],
    secretFields: ['link'],
  },
  invitation: {
    description: 'An invitation to create an account (sent by an admin from /admin/users)',
    fields: ['link', 'role', 'expiresOn'],
    secretFields: ['link'],
  },
  'referral-new': {
    description:
      'A new referral to one of the organisation’s activities (to its members; a link to the inbox item, nothing about the person)',
    fields: ['link'],
    secretFields: [],
  },
  'referral-resident-answered': {
    description: 'The resident answered about an activity of a referral (to its connector; a link only)',
    fields: ['link'],
    secretFields: [],
  },
  'referral-provider-answered': {
    description: 'A provider answered about a referred activity (to the referral’s connector; a link only)',
    fields: ['link'],
    secretFields: [],
  },
  'referral-digest': {
    description:
      'Once a day at 08:00 London time: how many referrals changed, with one link (to people who chose one email a day)',
    fields: ['referrals', 'link'],
    secretFields: [],
  },
  'referral-link-sms': {
    description: 'The resident’s referral link, sent by text at the connector’s request with the resident’s agreement',
    fields: ['link'],
    secretFields: ['link'],
  },
  'referral-link-email': {
    description: 'The resident’s referral link, sent by email at the connector’s request with the resident’s agreement',
    fields: ['link'],
    secretFields: ['link'],
  },
  'referral-reminder': {
    description: 'A referral unanswered for 5 working days (to the organisation’s members)',
    fields: ['service', 'organisation', 'workingDays', 'link'],
    secretFields: [],
    typedFields: ['service', 'organisation'],
  },
  'referral-follow-up-due': {
    description:
      'A referral’s wellbeing follow-up is due (to the connector who made it; a link only, nothing about the resident)',
    fields: ['link'],
    secretFields: [],
  },
  'listing-change-returned': {
    description: 'A listing change an editor sent back, with the editor’s message (to the partner who made it)',
    fields: ['listing', 'message', 'link'],
    secretFields: [],
    typedFields: ['listing', 'message'],
  },
  'listing-change-published': {
    description: 'A listing change an editor approved and published (to the partner who made it)',
    fields: ['listing', 'link'],
    secretFields: [],
    typedFields: ['listing'],
  },
  'listing-reported': {
    description:
      'A member of the public reported a problem with one of the organisation’s listings (to its members; a link only, nothing about who reported it)',
    fields: ['listing', 'reason', 'link'],
    secretFields: [],
  },
  'listing-review-due-soon': {
    description:
      'A listing is due to be checked within a month, with its one-click “still accurate” link (to the organisation’s members)',
    fields: ['service', 'organisation', 'checkedOn', 'dueOn', 'link', 'linkExpiresOn', 'listingsLink'],
    secretFields: ['link'],
  },
  'listing-review-due': {
    description: 'A listing is due to be checked today, with its “still accurate” link (to the organisation’s members)',
    fields: ['service', 'organisation', 'checkedOn', 'dueOn', 'link', 'linkExpiresOn', 'listingsLink'],
    secretFields: ['link'],
  },
  'listing-review-overdue': {
    description:
      'Urgent: a listing a month overdue for its check, which leaves search two months later (to the organisation’s members)',
    fields: ['service', 'organisation', 'checkedOn', 'dueOn', 'hiddenFrom', 'link', 'linkExpiresOn', 'listingsLink'],
    secretFields: ['link'],
  },
  'referral-escalated': {
    description: 'A referral unanswered for 10 working days (to editors)',
    fields: ['service', 'organisation', 'workingDays', 'link'],
    secretFields: [],
    typedFields: ['service', 'organisation'],
  },
};

/** Payload fields never shown: known secret fields, and anything that looks like a link or token. */
export function isSecretField(template: string, field: string, value: unknown): boolean {
  if (OUTBOX_TEMPLATES[template]?.secretFields.includes(field)) return true;
  if (/link|token|url|code|secret/i.test(field)) return true;
  return typeof value === 'string' && /https?:\/\/|\/r\/|\/invite\/|\/reset-password\//.test(value);
}
