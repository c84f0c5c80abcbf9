/**
 * The admins' audit page: reading its GET form (person, referral, organisation, action, dates)
 * into a store filter with messages a person understands, and each entry in plain words.
 * Person and referral are looked up by the caller (an email or name; a referral id or the code
 * the connector saw), so nothing personal is ever put in the filter's URL beyond what was typed.
 */
import type { AuditEntry, AuditFilter } from '../people/audit.ts';
import type { Role } from '../people/schema.ts';

export const AUDIT_PAGE_SIZE = 50;
/** The most entries one CSV export holds. */
export const AUDIT_EXPORT_LIMIT = 10_000;

export interface AuditQuery {
  person: string;
  referral: string;
  organisation: string;
  action: string;
  from: string;
  to: string;
  page: number;
}

export interface AuditPerson {
  id: string;
  name: string;
  email: string;
  role: Role;
  organisationIds: string[];
}

export interface AuditLookups {
  /** The account whose email is `text` or whose name is exactly `text` (any case). */
  findPerson(text: string): AuditPerson | undefined;
  /** The referral id for an id or a code as typed. */
  findReferral(text: string): Promise<string | undefined>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (text: string) => DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));
const nextDay = (text: string) => new Date(Date.parse(`${text}T00:00:00Z`) + 86_400_000).toISOString();

export function readAuditQuery(params: URLSearchParams): AuditQuery {
  const text = (name: string) => (params.get(name) ?? '').trim().slice(0, 200);
  const page = Number(params.get('page') ?? '1');
  return {
    person: text('person'),
    referral: text('referral'),
    organisation: text('organisation'),
    action: text('action'),
    from: text('from'),
    to: text('to'),
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** The store filter for a query, or the problems with it (field id and message). */
export async function auditFilterFor(
  query: AuditQuery,
  lookups: AuditLookups,
  choices: { actions: readonly string[]; organisationIds: readonly string[] },
): Promise<{ filter: AuditFilter; problems: { field: string; message: string }[] }> {
  const filter: AuditFilter = {};
  const problems: { field: string; message: string }[] = [];
  if (query.person) {
    const person = lookups.findPerson(query.person);
    if (person) filter.personUserId = person.id;
    else problems.push({ field: 'person', message: 'Enter the email address or full name of someone with an account' });
  }
  if (query.referral) {
    const referralId = await lookups.findReferral(query.referral);
    if (referralId) filter.referralId = referralId;
    else problems.push({ field: 'referral', message: 'Enter a referral id or the referral code the connector gave' });
  }
  if (query.organisation) {
    if (choices.organisationIds.includes(query.organisation)) filter.organisationId = query.organisation;
    else problems.push({ field: 'organisation', message: 'Choose an organisation from the list' });
  }
  if (query.action) {
    if (choices.actions.includes(query.action)) filter.action = query.action;
    else problems.push({ field: 'action', message: 'Choose an action from the list' });
  }
  if (query.from) {
    if (validDate(query.from)) filter.from = `${query.from}T00:00:00.000Z`;
    else problems.push({ field: 'from', message: 'Enter the "from" date as a real date, for example 2026-12-01' });
  }
  if (query.to) {
    if (validDate(query.to)) filter.before = nextDay(query.to);
    else problems.push({ field: 'to', message: 'Enter the "to" date as a real date, for example 2026-12-03' });
  }
  if (filter.from && filter.before && filter.from >= filter.before) {
    problems.push({ field: 'to', message: 'The "to" date must be the same as or after the "from" date' });
  }
  return { filter, problems };
}

/** What each action means, in words ("saw the contact details of"). Unknown actions show as they are. */
const ACTION_WORDS: Record<string, string> = {
  'referral.create': 'made referral',
  'referral.contact.read': 'saw the contact details of referral',
  'referral.anonymise': 'anonymised referral',
  'invitation.create': 'invited someone (invitation',
  'invitation.accept': 'accepted invitation',
  'invitation.revoke': 'cancelled invitation',
  'audit.export': 'exported audit entries',
  'people-data.keys.rotated': 're-sealed the people data with a new key',
};

export const shortId = (id: string) => `${id.slice(0, 8)}…`;

export function auditWhen(iso: string): string {
  return new Date(iso).toLocaleString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  });
}

/** "Sam Jones (partner, Hackney Wellbeing)", or "The system" for entries with no person. */
export function describeActor(
  entry: AuditEntry,
  people: ReadonlyMap<string, AuditPerson>,
  organisationName: (id: string) => string,
  roleName: (role: Role) => string,
): string {
  if (!entry.actorUserId) return 'The system';
  const person = people.get(entry.actorUserId);
  if (!person) return `A removed account (${shortId(entry.actorUserId)})`;
  const where = person.organisationIds.map(organisationName);
  return `${person.name || person.email} (${[roleName(person.role), ...where].join(', ')})`;
}

/** "saw the contact details of referral 7Q3…": the action and what it was about, no personal data. */
export function describeAction(entry: AuditEntry): string {
  const words = ACTION_WORDS[entry.action];
  if (entry.action.startsWith('referral.') && entry.referralId) {
    return `${words ?? entry.action} ${shortId(entry.referralId)}`;
  }
  if (words?.endsWith('(invitation')) return `${words} ${shortId(entry.subjectId ?? '')})`;
  if (words) return entry.subjectId && words.endsWith('invitation') ? `${words} ${shortId(entry.subjectId)}` : words;
  return `${entry.action}${entry.subjectId ? ` on ${entry.subjectKind} ${shortId(entry.subjectId)}` : ''}`;
}
