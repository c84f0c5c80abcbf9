import type { APIRoute } from 'astro';
import { access } from '@src/accounts/viewer';
import { REPORT_FILES, reportCsvRows, toCsv, type ReportFile } from '@src/referrals';
import { signInPath } from '../../server/access';
import { loadReports } from '../../server/referrals';

/** A referral report as CSV (editors and admins): counts only, hidden ones blank with the reason. */
export const GET: APIRoute = async ({ params, locals, url, redirect }) => {
  const decision = access(locals.viewer ?? null, 'editor');
  if (decision === 'sign-in') return redirect(signInPath(url.pathname), 303);
  if (decision === 'enrol-two-factor') return redirect('/account/two-factor', 303);
  if (decision !== 'ok') return new Response('You cannot download reports.', { status: 403 });
  const report = params.report ?? '';
  if (!(REPORT_FILES as readonly string[]).includes(report)) return new Response(null, { status: 404 });
  const csv = toCsv(reportCsvRows(await loadReports(), report as ReportFile));
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="signpost-referrals-${report}.csv"`,
      'Cache-Control': 'no-store',
    },
  });
};
