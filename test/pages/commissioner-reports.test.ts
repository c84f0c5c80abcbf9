/**
 * Commissioners over HTTP, on each people store: /reports with its provider table and filters,
 * the CSV carrying the same published figures for the same filters, and every other signed-in
 * page refused.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/content/profile';
import { hashToken, newToken } from '../../src/people/tokens.ts';
import { setUpOrFailEveryTest, STORE_KINDS } from '../support/databases.ts';
import type { HttpClient } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType, textOf } from '../support/sample';

const service = sampleOfType<Service>('service').find((s) => s.status === 'active')!;

/** Pages a commissioner must not open (each checks its role on the server). */
const REFUSED = [
  '/referrals',
  '/referrals/new',
  '/referrals/overdue',
  '/partner/referrals',
  '/partner/listings',
  '/partner/listings/new',
  '/partner/reports',
  '/editor/changes',
  '/editor/reviews',
  '/editor/reports',
  '/admin/users',
  '/admin/outbox',
];

describe.each(STORE_KINDS)('commissioners’ reports over HTTP on %s', (kind) => {
  let world: ReferralWorld;
  let asCommissioner: HttpClient;

  setUpOrFailEveryTest(async () => {
    world = await startReferralWorld(kind);
    const commissioner = await world.account('commissioner');
    const connector = await world.account('connector');
    asCommissioner = await world.client(commissioner);
    for (let i = 0; i < 7; i += 1) {
      await world.store.referrals.create({
        tokenHash: hashToken(newToken()),
        connectorUserId: connector.id,
        expiresAt: new Date(Date.now() + 30 * 86_400_000),
        items: [{ serviceId: service._id, organisationId: service.organisation._ref }],
      });
    }
  });
  afterAll(async () => {
    await world?.close();
  });

  it('shows the provider report with its filters, and the CSV has the same figures', async () => {
    const page = await asCommissioner.get('/reports');
    expect(page.status).toBe(200);
    expect(page.html).toContain('<form method="get" action="/reports"');
    for (const field of ['period', 'from', 'to', 'area', 'organisation', 'category'])
      expect(page.html).toContain(`id="filter-${field}"`);
    expect(page.html).not.toContain('/referrals/overdue');
    const text = textOf(page.html);
    expect(text).toMatch(/Total\s+7\s+0\s+0\s+0\s+0/);
    const csv = await asCommissioner.get('/reports/by-provider.csv?period=12');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = csv.html.trim().split('\r\n');
    expect(lines[0]).toMatch(/^Provider,Activities referred,Answered within 5 working days/);
    expect(lines.at(-1)).toMatch(/^Total,7,0,0,0,0,0,0,0,0,0,0,,,,,/);
    expect(lines).toHaveLength(3);
    expect((await asCommissioner.get('/reports/funnel.csv')).status).toBe(200);
  });

  it('narrows by provider and answers bad filters with a message, not an error', async () => {
    const other = await asCommissioner.get('/reports?period=custom&from=2001-01&to=2001-02');
    expect(other.status).toBe(200);
    expect(textOf(other.html)).toContain('No referrals match these filters.');
    const bad = await asCommissioner.get('/reports?period=custom&from=2026-13&to=nope&area=%3Cb%3E');
    expect(bad.status).toBe(200);
    expect(bad.html).toContain('There is a problem');
    expect(bad.html).toContain('href="#filter-from"');
    expect(textOf(bad.html)).toContain('Choose an area from the list');
    expect((await asCommissioner.get('/reports/by-provider.csv?period=forever')).status).toBe(400);
  });

  it('refuses commissioners everywhere else signed in', async () => {
    for (const path of REFUSED) {
      const response = await asCommissioner.get(path);
      expect([403, 404], path).toContain(response.status);
    }
  });
});
