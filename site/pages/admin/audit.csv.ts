import type { APIRoute } from 'astro';
import { access } from '@src/accounts/viewer';
import { AUDIT_EXPORT_LIMIT, describeAction, describeActor } from '@src/accounts/audit-log';
import { toCsv } from '@src/referrals';
import { signInPath } from '../../server/access';
import { loadAuditPage } from '../../server/audit-log';
import { people } from '../../server/context';
import { ROLE_NAMES } from '../../server/navigation';

/** The audit entries the page's filter selects, as CSV (admins only). The export is itself audited. */
export const GET: APIRoute = async ({ locals, url, redirect }) => {
  const viewer = locals.viewer ?? null;
  const decision = access(viewer, 'admin');
  if (decision === 'sign-in') return redirect(signInPath(url.pathname), 303);
  if (decision === 'enrol-two-factor') return redirect('/account/two-factor', 303);
  if (decision !== 'ok' || !viewer)
    return new Response('Only administrators can export the audit log.', { status: 403 });
  const { store } = await people();
  const page = await loadAuditPage(store, url.searchParams, { limit: AUDIT_EXPORT_LIMIT, paged: false });
  if (page.problems.length > 0) return redirect(`/admin/audit${url.search}`, 303);
  await store.audit.append({
    actorUserId: viewer.userId,
    action: 'audit.export',
    subjectKind: 'audit_log',
    subjectId: null,
    detail: { entries: page.entries.length, filters: [...url.searchParams.keys()].filter((k) => k !== 'page') },
  });
  const rows = page.entries.map((entry) => [
    entry.at,
    describeActor(entry, page.people, page.organisationName, (role) => ROLE_NAMES[role]),
    describeAction(entry),
    entry.action,
    entry.actorUserId,
    entry.subjectKind,
    entry.subjectId,
    entry.referralId,
    entry.organisationId,
  ]);
  const header = [
    'At (UTC)',
    'Who',
    'What',
    'Action',
    'Actor id',
    'Subject kind',
    'Subject id',
    'Referral id',
    'Organisation id',
  ];
  return new Response(toCsv([header, ...rows]), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="signpost-audit-log.csv"',
      'Cache-Control': 'no-store',
    },
  });
};
