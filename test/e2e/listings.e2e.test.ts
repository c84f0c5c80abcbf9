/**
 * A listing change in real Chromium, with and without the pages' scripts: a partner edits their
 * service, an editor reviews the diff and the preview and approves, and the service page and
 * search show it; axe finds nothing on any of the new pages on the way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Service } from '../../src/content/profile';
import { accessibilityViolations, addSessionCookies, launchBrowser, withoutScripts } from '../support/browser';
import type { TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType } from '../support/sample';

const services = sampleOfType<Service>('service').filter((s) => s.status === 'active');

let browser: Browser;
let world: ReferralWorld;
let editor: TestAccount;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  world = await startReferralWorld('sqlite');
  editor = await world.account('editor');
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await world?.close();
  await browser?.close();
});

async function pageFor(account: TestAccount, scripts: boolean): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  if (!scripts) {
    await withoutScripts(context);
  }
  const jar = await world.signIn(account);
  await addSessionCookies(context, world.baseUrl, jar);
  return context.newPage();
}

// A form post or page load in a busy browser can take longer than expect.poll's default second;
// the 5-second promise is measured over HTTP in test/pages/listings.test.ts.
const slowPage = { timeout: 15_000 };

async function expectAccessible(page: Page, what: string) {
  expect(await accessibilityViolations(page), what).toEqual([]);
}

describe.each([
  ['with JavaScript', true, services[0]!, 'Quokkaphone'],
  [
    'without JavaScript',
    false,
    services.find((s) => s.organisation._ref !== services[0]!.organisation._ref)!,
    'Theremin',
  ],
] as const)('a partner edits and an editor approves, %s', (_label, scripts, service, word) => {
  it('goes from the partner’s form to the live page and search', async () => {
    const partner = await world.account('partner', { organisationIds: [service.organisation._ref] });
    const partnerPage = await pageFor(partner, scripts);
    await partnerPage.goto(`${world.baseUrl}/partner/listings`);
    await expectAccessible(partnerPage, 'your listings');
    await partnerPage.getByRole('link', { name: service.name }).click();
    await expectAccessible(partnerPage, 'edit a listing');
    await partnerPage.getByLabel('Summary').fill('Too short');
    await partnerPage.getByRole('button', { name: 'Send to an editor' }).click();
    await expect.poll(() => partnerPage.locator('.nhsuk-error-summary').count(), slowPage).toBe(1);
    await expectAccessible(partnerPage, 'edit a listing with an error');
    const summary = `${word} circle for neighbours who would like to play together`;
    await partnerPage.getByLabel('Summary').fill(summary);
    await partnerPage.getByRole('button', { name: 'Send to an editor' }).click();
    await expect.poll(() => partnerPage.getByText('sent to an editor').count(), slowPage).toBe(1);

    const editorPage = await pageFor(editor, scripts);
    await editorPage.goto(`${world.baseUrl}/editor/changes`);
    await expectAccessible(editorPage, 'editor queue');
    await editorPage.getByRole('link', { name: service.name }).click();
    await expectAccessible(editorPage, 'a change to review');
    await expect.poll(() => editorPage.getByRole('cell', { name: summary }).count(), slowPage).toBe(1);
    await editorPage.getByRole('link', { name: 'Preview the service page with this change' }).click();
    await expect.poll(() => editorPage.getByText(summary).count(), slowPage).toBeGreaterThan(0);
    await expectAccessible(editorPage, 'preview');
    await editorPage.goBack();
    await editorPage.getByRole('button', { name: 'Approve and publish' }).click();
    await expect.poll(() => editorPage.url(), slowPage).toMatch(/\/editor\/changes$/);

    await editorPage.goto(`${world.baseUrl}/editor/listings/${service._id}`);
    await expectAccessible(editorPage, 'version history');

    const resident = await (await browser.newContext()).newPage();
    await expect
      .poll(async () => {
        await resident.goto(`${world.baseUrl}/services/${service.slug.current}`);
        return resident.getByText(summary).count();
      }, slowPage)
      .toBeGreaterThan(0);
    await expect
      .poll(async () => {
        await resident.goto(`${world.baseUrl}/search?q=${word.toLowerCase()}`);
        return resident.getByRole('link', { name: service.name }).count();
      }, slowPage)
      .toBeGreaterThan(0);
    await resident.context().close();
  }, 60_000);
});

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('every listing form, %s', (_label, scripts) => {
  it('passes axe, empty, with rows added and with errors', async () => {
    const service = services.find((s) => (s.locations?.length ?? 0) > 0)!;
    const organisation = service.organisation._ref;
    const partner = await world.account('partner', { organisationIds: [organisation] });
    const page = await pageFor(partner, scripts);
    await page.goto(`${world.baseUrl}/partner/listings/${service._id}`);
    await page.getByRole('button', { name: 'Add another session' }).click();
    await expect.poll(() => page.getByRole('group', { name: 'Add a session' }).count(), slowPage).toBe(2);
    await expectAccessible(page, 'edit a service with a session row added');

    await page.goto(`${world.baseUrl}/partner/listings/new?type=service&organisation=${organisation}`);
    await expectAccessible(page, 'propose a new service');
    await page.getByRole('button', { name: 'Send to an editor' }).click();
    await expect.poll(() => page.locator('.nhsuk-error-summary').count(), slowPage).toBe(1);
    await expectAccessible(page, 'propose a new service with errors');

    await page.goto(`${world.baseUrl}/partner/listings/new?type=location&organisation=${organisation}`);
    await expectAccessible(page, 'add a venue');
    await page.goto(`${world.baseUrl}/partner/listings/${service.locations![0]!._ref}`);
    await expectAccessible(page, 'edit a venue');
    await page.goto(`${world.baseUrl}/partner/listings/${organisation}`);
    await expectAccessible(page, 'edit the organisation');

    const editorPage = await pageFor(editor, scripts);
    await editorPage.goto(`${world.baseUrl}/partner/listings/${service._id}`);
    await expectAccessible(editorPage, 'an editor’s edit form');
  }, 60_000);
});

describe.each([
  ['with JavaScript', true],
  ['without JavaScript', false],
] as const)('the editors’ review dashboard, %s', (_label, scripts) => {
  it('has no WCAG 2.2 AA violations', async () => {
    const page = await pageFor(editor, scripts);
    await page.goto(`${world.baseUrl}/editor/reviews`);
    await expect.poll(() => page.getByRole('heading', { name: 'Listings due for review' }).count(), slowPage).toBe(1);
    await expectAccessible(page, 'review dashboard');
  }, 60_000);
});
