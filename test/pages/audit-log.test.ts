/**
 * The admins' audit log over HTTP against a real server: admins only, filters validated with
 * messages a person understands, entries in plain words, and the CSV export audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { textOf } from '../support/sample';

let world: ReferralWorld;
let admin: TestAccount;
let connector: TestAccount;

beforeAll(async () => {
  world = await startReferralWorld('sqlite');
  admin = await world.account('admin');
  connector = await world.account('connector');
  await world.store.audit.append({
    actorUserId: connector.id,
    action: 'user.sessions.end',
    subjectKind: 'user',
    subjectId: connector.id,
  });
}, 180_000);
afterAll(() => world?.close());

describe('the audit log', () => {
  it('is for admins only', async () => {
    const page = await (await world.client(connector)).get('/admin/audit');
    expect(page.status).toBe(403);
    const csv = await (await world.client(connector)).get('/admin/audit.csv');
    expect(csv.status).toBe(403);
  });

  it('shows entries newest first in plain words, filtered by person', async () => {
    const client = await world.client(admin);
    const page = await client.get(`/admin/audit?person=${encodeURIComponent(connector.email)}`);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('community connector');
    expect(page.html).toContain('href="/admin/audit"');
  });

  it('explains a filter it cannot use, without a 500', async () => {
    const client = await world.client(admin);
    const page = await client.get('/admin/audit?from=2026-13-45&person=nobody%40example.org');
    expect(page.status).toBe(400);
    const text = textOf(page.html);
    expect(text).toContain('There is a problem');
    expect(text).toContain('Enter the "from" date as a real date');
    expect(text).toContain('Enter the email address or full name of someone with an account');
  });

  it('exports the filtered entries as CSV, and the export is audited', async () => {
    const client = await world.client(admin);
    const csv = await client.get('/admin/audit.csv?action=user.sessions.end');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.html.split('\r\n')[0]).toContain('Who');
    expect(csv.html).toContain('user.sessions.end');
    const exports = await world.store.audit.list({ action: 'audit.export' });
    expect(exports[0]).toMatchObject({ actorUserId: admin.id });
  });
});
