import type { APIRoute } from 'astro';
import { access } from '@src/accounts/viewer';
import { organisationCsvRows, REPORT_FILES, reportCsvRows, toCsv, type ReportFile } from '@src/referrals';
import { signInPath } from '../../server/access';
import { loadOrganisationReport, loadReports } from '../../server/referrals';

/** A referral report as CSV (editors, admins and commissioners): counts only, hidden ones blank with the reason. */
export const GET: APIRoute = async ({ params, locals, url, redirect }) => {
  const decision = access(locals.viewer ?? null, 'editor', 'commissioner');
  if (decision === 'sign-in') return redirect(signInPath(url.pathname), 303);
  if (decision === 'enrol-two-factor') return redirect('/account/two-factor', 303);
  if (decision !== 'ok') return new Response('You cannot download reports.', { status: 403 });
  const report = params.report ?? '';
  let csv: string;
  if (report === 'by-provider') {
    // The same filters and the same published (suppressed) figures as the page.
    const { report: byProvider, errors } = await loadOrganisationReport(url.searchParams);
    if (errors.length > 0) return new Response(errors.map((e) => e.message).join('\n'), { status: 400 });
    csv = toCsv(organisationCsvRows(byProvider));
  } else if ((REPORT_FILES as readonly string[]).includes(report)) {
    csv = toCsv(reportCsvRows(await loadReports(), report as ReportFile));
  } else return new Response(null, { status: 404 });
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="signpost-referrals-${report}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
};
