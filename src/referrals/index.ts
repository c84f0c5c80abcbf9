/** Referrals, closed loop: forms, links, statuses, the jobs that chase and tidy, and the reports. */
export * from './status.ts';
export * from './form.ts';
export * from './link.ts';
export * from './code.ts';
export * from './referrals.ts';
export * from './working-days.ts';
export * from './response-time.ts';
export * from './jobs.ts';
export * from './suppression.ts';
export * from './reports.ts';
export * from './csv.ts';
export * from './charts.ts';
export * from './outcomes.ts';
export * from './organisation-report.ts';
export * from './notifications.ts';
