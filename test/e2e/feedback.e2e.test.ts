/**
 * Public feedback in real Chromium, with and without the pages' scripts: a resident reports a problem from
 * a service page (taking the time a person takes), answers "Is this page useful?" with "No" and
 * says what was wrong; the editor and the listing's partner see the report. axe finds nothing on
 * any of the pages on the way, error states included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Service } from '../../src/content/profile';
import { MIN_SECONDS } from '../../src/feedback';
import { accessibilityViolations, addSessionCookies, launchBrowser, withoutScripts } from '../support/browser';
import type { TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType } from '../support/sample';

const active = sampleOfType<Service>('service').filter((s) => s.status === 'active');
const services = [active[0]!, active.find((s) => s.organisation._ref !== active[0]!.organisation._ref)!];

let browser: Browser;
let world: ReferralWorld;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  world = await startReferralWorld('sqlite');
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await world?.close();
  await browser?.close();
});

async function pageFor(scripts: boolean, account?: TestAccount): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  if (!scripts) await withoutScripts(context);
  if (account) {
    const jar = await world.signIn(account);
    await addSessionCookies(context, world.baseUrl, jar);
  }
  return context.newPage();
}

const slowPage = { timeout: 15_000 };

async function expectAccessible(page: Page, what: string) {
  expect(await accessibilityViolations(page), what).toEqual([]);
}

/** As long as a person takes at least, plus a margin. */
const takeTime = (page: Page, seconds: number) => page.waitForTimeout(seconds * 1000 + 500);

describe.each([
  ['with JavaScript', true, services[0]!],
  ['without JavaScript', false, services[1]!],
] as const)('public feedback, %s', (_label, scripts, service) => {
  it('a resident reports a problem and rates a page; the editor and the partner see the report', async () => {
    const resident = await pageFor(scripts);
    await resident.goto(`${world.baseUrl}/services/${service.slug.current}`);
    await resident.getByRole('link', { name: 'Report a problem with this listing' }).click();
    await resident.waitForURL(/\/report\//, slowPage);
    await expectAccessible(resident, 'the report form');

    await takeTime(resident, MIN_SECONDS.report);
    await resident.getByRole('button', { name: 'Send report' }).click();
    await resident.waitForLoadState();
    expect(await resident.locator('.nhsuk-error-summary').textContent()).toContain('Choose what is wrong');
    await expectAccessible(resident, 'the report form with an error');

    await resident.getByLabel('Something is out of date').check();
    await resident.getByLabel('Tell us more').fill('The Tuesday session moved to Wednesday');
    await takeTime(resident, MIN_SECONDS.report);
    await resident.getByRole('button', { name: 'Send report' }).click();
    await resident.waitForURL(/sent=1/, slowPage);
    expect(await resident.locator('h1').textContent()).toContain('Thank you for your report');
    await expectAccessible(resident, 'the report thank-you page');

    await resident.goto(`${world.baseUrl}/services/${service.slug.current}`);
    await takeTime(resident, MIN_SECONDS.rate);
    await resident.getByRole('button', { name: /this page is not useful/ }).click();
    await resident.waitForURL(/rating=/, slowPage);
    await expectAccessible(resident, 'what was wrong with this page');
    await resident.getByLabel('What was wrong? (optional)').fill('Hard to find the times');
    await takeTime(resident, MIN_SECONDS.comment);
    await resident.getByRole('button', { name: 'Send' }).click();
    await resident.waitForURL(/thanks=1/, slowPage);
    await expectAccessible(resident, 'the page feedback thank-you page');

    const editor = await pageFor(scripts, await world.account('editor'));
    await editor.goto(`${world.baseUrl}/editor/reports`);
    expect(await editor.locator('main').textContent()).toContain('Hard to find the times');
    await expectAccessible(editor, 'the editors’ queue');
    await editor.getByRole('link', { name: 'Something is out of date' }).first().click();
    await editor.waitForURL(/\/editor\/reports\/[0-9a-f-]{36}$/, slowPage);
    await expectAccessible(editor, 'a report');

    const partner = await pageFor(
      scripts,
      await world.account('partner', { organisationIds: [service.organisation._ref] }),
    );
    await partner.goto(`${world.baseUrl}/partner/reports`);
    expect(await partner.locator('main').textContent()).toContain('The Tuesday session moved to Wednesday');
    await expectAccessible(partner, 'the partner’s reports');

    await editor.getByRole('button', { name: 'Mark as resolved' }).click();
    await editor.waitForURL(/resolved=1/, slowPage);
    await expectAccessible(editor, 'the queue after resolving');
  });
});
