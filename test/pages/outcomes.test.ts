/**
 * Wellbeing outcomes (ONS4) over HTTP: the optional questions on the new-referral form (refused
 * without consent), recording the follow-up on the referral's own page (the owner only), the
 * change in words, "Follow-ups due" on the list, and the resident answering from their link.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { Service } from '../../src/content/profile';
import { hashToken } from '../../src/people/tokens.ts';
import { ONS4_MEASURES } from '../../src/referrals/outcomes.ts';
import { setUpOrFailEveryTest, STORE_KINDS } from '../support/databases.ts';
import type { HttpClient, TestAccount } from '../support/portal.ts';
import { startReferralWorld, type ReferralWorld } from '../support/referral-world.ts';
import { sampleOfType, textOf } from '../support/sample';

const service = sampleOfType<Service>('service').find((s) => s.status === 'active')!;
const TOKEN_IN_PAGE = /\/r\/([0-9A-Z]{4}(?:-[0-9A-Z]{4}){5}-[0-9A-Z]{2})/;

const answers = (scores: number[], consent = true): [string, string][] => [
  ...ONS4_MEASURES.map((m, i): [string, string] => [`wellbeing_${m.key}`, String(scores[i])]),
  ...(consent ? ([['wellbeing_consent', 'yes']] as [string, string][]) : []),
];

async function postForm(client: HttpClient, path: string, fields: [string, string][]) {
  return client.request(path, {
    method: 'POST',
    body: new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}

describe.each(STORE_KINDS)('wellbeing outcomes over HTTP on %s', (kind) => {
  let world: ReferralWorld;
  let connector: TestAccount;
  let asConnector: HttpClient;

  setUpOrFailEveryTest(async () => {
    world = await startReferralWorld(kind);
    connector = await world.account('connector');
    asConnector = await world.client(connector);
  });
  afterAll(async () => {
    await world?.close();
  });

  async function makeReferral(extra: [string, string][]) {
    await postForm(asConnector, '/referrals/basket', [
      ['action', 'add'],
      ['serviceId', service._id],
    ]);
    return postForm(asConnector, '/referrals/new', [['serviceId', service._id], ['expiryDays', '30'], ...extra]);
  }

  it('offers the optional questions at referral and refuses answers without consent', async () => {
    await postForm(asConnector, '/referrals/basket', [
      ['action', 'add'],
      ['serviceId', service._id],
    ]);
    const form = await asConnector.get('/referrals/new');
    expect(textOf(form.html)).toContain('Wellbeing questions (optional)');
    expect(form.html).toContain('name="wellbeing_anxiety"');

    const refused = await makeReferral(answers([5, 5, 5, 5], false));
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('Answers can be kept only if the resident agreed');
    expect(refused.html).toContain('href="#wellbeing_consent"');
    expect(await world.store.referrals.listForConnector(connector.id)).toEqual([]);

    const out = await makeReferral(answers([4, 12, 5, 8]));
    expect(out.status).toBe(400);
    expect(textOf(out.html)).toContain('The answer must be a whole number from 0 to 10');
  });

  it('records the baseline with the referral, the follow-up on its page, and shows the change in words', async () => {
    const made = await makeReferral(answers([4, 6, 5, 8]));
    expect(made.status, textOf(made.html).slice(0, 300)).toBe(200);
    const token = made.html.match(TOKEN_IN_PAGE)![1]!;
    const referral = (await world.store.referrals.findByTokenHash(hashToken(token)))!;
    expect((await world.store.outcomes.listForReferral(referral.id)).map((m) => m.scores)).toEqual([
      { life_satisfaction: 4, worthwhile: 6, happiness: 5, anxiety: 8 },
    ]);

    // Someone else's referral does not exist for them.
    const other = await world.client(await world.account('connector'));
    expect((await other.get(`/referrals/${referral.id}/wellbeing?stage=follow-up`)).status).toBe(404);
    expect(
      (await postForm(other, `/referrals/${referral.id}/wellbeing`, [['stage', 'follow-up'], ...answers([1, 1, 1, 1])]))
        .status,
    ).toBe(404);

    const missing = await postForm(asConnector, `/referrals/${referral.id}/wellbeing`, [['stage', 'follow-up']]);
    expect(missing.status).toBe(400);
    expect(textOf(missing.html)).toContain('Choose an answer from 0 to 10');

    const saved = await postForm(asConnector, `/referrals/${referral.id}/wellbeing`, [
      ['stage', 'follow-up'],
      ...answers([6, 6, 3, 5]),
    ]);
    expect(saved.status).toBe(303);
    expect(saved.location).toBe(`/referrals/${referral.id}#wellbeing`);
    const page = textOf((await asConnector.get(`/referrals/${referral.id}`)).html);
    expect(page).toContain('Improved: anxiety fell by 3 (from 8 to 5)');
    expect(page).toContain('Improved: life satisfaction rose by 2 (from 4 to 6)');
    expect(page).toContain('Worse: happiness fell by 2 (from 5 to 3)');
    expect(page).toContain('No change: worthwhile stayed at 6');

    // A stage once recorded is kept as it was.
    const again = await postForm(asConnector, `/referrals/${referral.id}/wellbeing`, [
      ['stage', 'follow-up'],
      ...answers([0, 0, 0, 0]),
    ]);
    expect(textOf(again.html)).toContain('Answers once recorded are kept as they were');
    expect((await world.store.outcomes.listForReferral(referral.id))[1]!.scores.anxiety).toBe(5);
  });

  it('lists follow-ups due and lets the resident answer from their link once it is due', async () => {
    const made = await makeReferral([]);
    const token = made.html.match(TOKEN_IN_PAGE)![1]!;
    const referral = (await world.store.referrals.findByTokenHash(hashToken(token)))!;
    const resident = await world.client();
    expect((await resident.get(`/r/${token}`)).html).not.toContain('name="wellbeing_anxiety"');
    expect(textOf((await asConnector.get('/referrals')).html)).not.toContain('Follow-ups due');

    await world.store.outcomes.setFollowUpDue(referral.id, new Date(Date.now() - 60_000));
    expect(textOf((await asConnector.get('/referrals')).html)).toContain('Follow-ups due');
    const link = await resident.get(`/r/${token}`);
    expect(link.html).toContain('name="wellbeing_anxiety"');
    expect(textOf(link.html)).toContain('I agree to answer and for my answers to be kept');

    const refused = await postForm(resident, `/r/${token}`, [['action', 'wellbeing'], ...answers([3, 3, 3, 3], false)]);
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('Your answers can be kept only if you agree');

    const sent = await postForm(resident, `/r/${token}`, [['action', 'wellbeing'], ...answers([7, 7, 7, 2])]);
    expect(sent.status).toBe(303);
    const measures = await world.store.outcomes.listForReferral(referral.id);
    expect(measures.map((m) => [m.stage, m.recordedBy, m.scores.anxiety])).toEqual([['follow-up', 'resident', 2]]);
    expect(textOf((await resident.get(sent.location!)).html)).toContain(
      'your answers to the wellbeing questions were saved',
    );
    expect(textOf((await asConnector.get('/referrals')).html)).not.toContain('Follow-ups due');
  });
});
