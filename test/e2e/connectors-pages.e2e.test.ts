/**
 * axe (WCAG 2.2 AA) on the pages connectors, their teams, partners, commissioners and admins
 * work in, in the states that show what issue 9 added: team referrals with private labels,
 * wellbeing answers and the follow-up form, the partner's undo, notification choices, the
 * commissioners' filters (and their messages), the audit log, and the resident's follow-up
 * questions. With and without scripts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Service } from '../../src/content/profile';
import { accessibilityViolations, addSessionCookies, launchBrowser, withoutScripts } from '../support/browser';
import type { CookieJar, TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType } from '../support/sample';

const service = sampleOfType<Service>('service').find((s) => s.status === 'active')!;
const TOKEN_IN_PAGE = /\/r\/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2})/;

describe('connectors’, partners’, commissioners’ and admins’ pages', () => {
  let browser: Browser;
  let world: ReferralWorld;
  /** Each person's session and the pages they open. */
  const visits: { who: string; session?: CookieJar; paths: string[] }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    world = await startReferralWorld('sqlite');
    const connector = await world.account('connector');
    const teammate = await world.account('connector');
    const partner = await world.account('partner', { organisationIds: [service.organisation._ref] });
    const commissioner = await world.account('commissioner');
    const admin = await world.account('admin');
    await world.store.db
      .insertInto('team')
      .values({
        id: 'team-a11y',
        name: 'Tottenham neighbourhood team',
        kind: 'neighbourhood',
        area_slug: 'haringey',
        contact_email: 'tottenham.team@nhs.example',
        contact_phone: '020 7946 0000',
        created_at: new Date().toISOString(),
        archived_at: null,
      })
      .execute();
    for (const person of [connector, teammate]) {
      await world.store.db.updateTable('user').set({ team_id: 'team-a11y' }).where('id', '=', person.id).execute();
    }

    const asConnector = await world.client(connector);
    await asConnector.post('/referrals/basket', { action: 'add', serviceId: service._id, return: '/' });
    const made = await asConnector.post('/referrals/new', [
      ['serviceId', service._id],
      ['expiryDays', '30'],
      ['privateLabel', 'JB case 42'],
      ['wellbeing_consent', 'yes'],
      ['wellbeing_life_satisfaction', '4'],
      ['wellbeing_worthwhile', '5'],
      ['wellbeing_happiness', '3'],
      ['wellbeing_anxiety', '8'],
    ]);
    expect(made.status).toBe(200);
    const token = TOKEN_IN_PAGE.exec(made.html)![1]!;
    const [referral] = await world.store.referrals.listForConnector(connector.id);
    const item = referral!.items[0]!;
    // The provider accepts (the page then offers to undo it), and the follow-up falls due.
    const asPartner = await world.client(partner);
    expect((await asPartner.post(`/partner/referrals/${item.id}`, { action: 'accept' })).status).toBe(303);
    await world.store.db
      .updateTable('referral')
      .set({ follow_up_due_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', referral!.id)
      .execute();

    visits.push(
      {
        who: 'connector',
        session: await world.signIn(connector),
        paths: [
          '/referrals',
          `/referrals/${referral!.id}`,
          `/referrals/${referral!.id}/wellbeing?stage=follow-up`,
          '/account',
        ],
      },
      { who: 'teammate', session: await world.signIn(teammate), paths: ['/referrals?show=team'] },
      {
        who: 'partner',
        session: await world.signIn(partner),
        paths: ['/partner/referrals', `/partner/referrals/${item.id}`],
      },
      {
        who: 'commissioner',
        session: await world.signIn(commissioner),
        paths: ['/reports', '/reports?period=custom&from=2026-13&to=nonsense'],
      },
      {
        who: 'admin',
        session: await world.signIn(admin),
        paths: ['/admin/audit', '/admin/audit?from=not-a-date', `/admin/users/${connector.id}`],
      },
      { who: 'resident', paths: [`/r/${token}`] },
    );
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
  });

  for (const scripts of [true, false]) {
    it(`have no WCAG 2.2 AA violations ${scripts ? 'with' : 'without'} JavaScript`, async () => {
      const problems: string[] = [];
      for (const visit of visits) {
        const context = await browser.newContext();
        if (!scripts) await withoutScripts(context);
        if (visit.session) await addSessionCookies(context, world.baseUrl, visit.session);
        const page = await context.newPage();
        for (const path of visit.paths) {
          const response = await page.goto(new URL(path, world.baseUrl).href);
          const status = response!.status();
          if (status !== 200 && status !== 400) problems.push(`${visit.who} ${path}: ${status}`);
          for (const violation of await accessibilityViolations(page))
            problems.push(`${visit.who} ${path}: ${violation}`);
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }

  it('shows the team, the label, the wellbeing answers and the resident’s questions where they belong', async () => {
    const context = await browser.newContext();
    const connectorVisit = visits.find((v) => v.who === 'connector')!;
    await addSessionCookies(context, world.baseUrl, connectorVisit.session!);
    const page = await context.newPage();
    await page.goto(new URL(connectorVisit.paths[1]!, world.baseUrl).href);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('Accepted');
    expect(await page.getByLabel('Private label').inputValue()).toBe('JB case 42');
    await context.close();

    const resident = await (await browser.newContext()).newPage();
    await resident.goto(new URL(visits.find((v) => v.who === 'resident')!.paths[0]!, world.baseUrl).href);
    const residentText = (await resident.locator('main').textContent()) ?? '';
    expect(residentText).toContain('Tottenham neighbourhood team');
    expect(residentText).not.toContain('JB case 42');
    expect(await resident.locator('input[type="radio"][name="wellbeing_anxiety"]').count()).toBe(11);
    await resident.context().close();
  });
});
