/**
 * The same listing journey on hosted content: a partner edits in the portal, the draft goes to
 * the Content Lake (the local stand-in, through @sanity/client), an editor approves, and the
 * signed webhook brings the change to the service page, search and the ORUK feed.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readDataset } from '../../src/content/dataset';
import type { Service } from '../../src/content/profile';
import { accessibilityViolations, addSessionCookies, launchBrowser } from '../support/browser';
import { startContentLake, type ContentLakeStandIn } from '../support/content-lake';
import type { TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';

const SECRET = 'webhook-secret-for-hosted-journey-0123';
const slowPage = { timeout: 15_000 };

let browser: Browser;
let lake: ContentLakeStandIn;
let world: ReferralWorld;
let service: Service;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const documents = await readDataset('content/sample.ndjson');
  service = documents.find((d) => d._type === 'service' && d.status === 'active') as unknown as Service;
  lake = await startContentLake(documents);
  world = await startReferralWorld('sqlite', {
    SANITY_PROJECT_ID: 'standin',
    SANITY_DATASET: 'production',
    SANITY_API_HOST: lake.url,
    SANITY_READ_TOKEN: 'portal-read-token',
    SANITY_WRITE_TOKEN: 'portal-write-token',
    SANITY_WEBHOOK_SECRET: SECRET,
  });
  lake.webhook({ url: new URL('/api/content-webhook', world.baseUrl).href, secret: SECRET });
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await world?.close();
  await lake?.close();
});

async function signedIn(account: TestAccount): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const jar = await world.signIn(account);
  await addSessionCookies(context, world.baseUrl, jar);
  return context.newPage();
}

it('goes from the partner’s form through the Content Lake to the live page, search and feed', async () => {
  const partner = await world.account('partner', { organisationIds: [service.organisation._ref] });
  const editor = await world.account('editor');
  const partnerPage = await signedIn(partner);
  await partnerPage.goto(`${world.baseUrl}/partner/listings/${service._id}`);
  const summary = 'Xylophone mornings for neighbours who would like to make music together';
  await partnerPage.getByLabel('Summary').fill(summary);
  // The feed carries the description (ORUK has no summary field), so change that too.
  await partnerPage.getByLabel('What it is').fill(`${summary}. ${service.description}`);
  await partnerPage.getByRole('button', { name: 'Send to an editor' }).click();
  await expect.poll(() => partnerPage.getByText('sent to an editor').count(), slowPage).toBe(1);
  // The draft lives in the Content Lake, beside the published listing.
  expect(lake.document(`drafts.${service._id}`)?.summary).toBe(summary);

  const editorPage = await signedIn(editor);
  await editorPage.goto(`${world.baseUrl}/editor/changes`);
  await editorPage.getByRole('link', { name: service.name }).first().click();
  await expect.poll(() => editorPage.getByRole('cell', { name: summary, exact: true }).count(), slowPage).toBe(1);
  expect(await accessibilityViolations(editorPage)).toEqual([]);
  await editorPage.getByRole('button', { name: 'Approve and publish' }).click();
  await expect.poll(() => editorPage.url(), slowPage).toMatch(/\/editor\/changes$/);
  expect(lake.document(service._id)?.summary).toBe(summary);
  expect(lake.document(`drafts.${service._id}`)).toBeUndefined();

  const resident = await (await browser.newContext()).newPage();
  await expect
    .poll(async () => {
      await resident.goto(`${world.baseUrl}/services/${service.slug.current}`);
      return resident.getByText(summary).count();
    }, slowPage)
    .toBeGreaterThan(0);
  await expect
    .poll(async () => {
      await resident.goto(`${world.baseUrl}/search?q=xylophone`);
      return resident.getByRole('link', { name: service.name }).count();
    }, slowPage)
    .toBeGreaterThan(0);
  await expect
    .poll(() => fetch(new URL(`/api/oruk/services/${service._id}`, world.baseUrl)).then((r) => r.text()), slowPage)
    .toContain('Xylophone mornings');
  await resident.context().close();
}, 90_000);
