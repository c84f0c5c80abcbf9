/** Loads the admins' audit page and its CSV export from one query: the filter, the entries and the names to show. */
import { auditFilterFor, readAuditQuery, type AuditPerson, type AuditQuery } from '@src/accounts/audit-log';
import type { AuditEntry } from '@src/people/audit';
import { referralTokenHash } from '@src/referrals/code';
import { organisationChoicesQuery } from '@src/queries';
import type { PeopleStore } from '@src/people/store';
import { content } from './context';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface AuditPage {
  query: AuditQuery;
  problems: { field: string; message: string }[];
  entries: AuditEntry[];
  hasMore: boolean;
  people: Map<string, AuditPerson>;
  organisations: { _id: string; name: string }[];
  organisationName: (id: string) => string;
  actions: string[];
}

export async function loadAuditPage(
  store: PeopleStore,
  params: URLSearchParams,
  options: { limit: number; paged: boolean },
): Promise<AuditPage> {
  const query = readAuditQuery(params);
  const organisations = (await content()
    .then((source) => source.fetch(organisationChoicesQuery))
    .catch(() => [])) as { _id: string; name: string }[];
  const organisationName = (id: string) =>
    organisations.find((o) => o._id === id)?.name ?? `organisation ${id.slice(0, 8)}…`;
  const accounts = await store.users.list();
  const people = new Map<string, AuditPerson>(accounts.map((a) => [a.id, a]));
  const actions = await store.audit.actions();
  const { filter, problems } = await auditFilterFor(
    query,
    {
      findPerson: (text) => {
        const wanted = text.toLowerCase();
        return (
          accounts.find((a) => a.email.toLowerCase() === wanted) ??
          accounts.find((a) => a.name.trim().toLowerCase() === wanted)
        );
      },
      findReferral: async (text) => {
        if (UUID.test(text)) return (await store.referrals.get(text.toLowerCase()))?.id;
        const hash = referralTokenHash(text);
        return hash ? (await store.referrals.findByTokenHash(hash))?.id : undefined;
      },
    },
    { actions, organisationIds: organisations.map((o) => o._id) },
  );
  if (problems.length > 0) {
    return { query, problems, entries: [], hasMore: false, people, organisations, organisationName, actions };
  }
  const offset = options.paged ? (query.page - 1) * options.limit : 0;
  const rows = await store.audit.list({ ...filter, limit: options.limit + 1, offset });
  return {
    query,
    problems,
    entries: rows.slice(0, options.limit),
    hasMore: rows.length > options.limit,
    people,
    organisations,
    organisationName,
    actions,
  };
}
