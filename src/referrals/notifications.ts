/**
 * Who is told what about a referral, and when: a partner organisation's members when a referral
 * reaches it, the connector when the resident or a provider answers. Each person is emailed
 * straight away or, if they chose "One email a day", the change waits in `notification_pending`
 * for the daily digest (sent at DIGEST_HOUR London time by `sendDailyDigests`).
 *
 * Messages hold a link and nothing about the person: no name, no need, no label.
 */
import { DateTime } from 'luxon';
import { z } from 'zod';
import { readConfig } from '../config.ts';
import { referralTokenHash } from './code.ts';
import { ukPhoneNumber } from './form.ts';
import { linkUrl } from './link.ts';
import { ReferralError, referralForConnector, type Person } from './referrals.ts';
import type { PeopleRepositories, PeopleStore } from '../people/store.ts';

/** The digest goes out from this hour, London time (08:00 in both GMT and BST). */
export const DIGEST_HOUR = 8;
export const DIGEST_ZONE = 'Europe/London';

/** Tells one person: an outbox email now, or a row for their digest. Unknown or deactivated accounts are skipped. */
async function tell(
  tx: PeopleRepositories,
  userId: string,
  message: { template: string; payload: Record<string, unknown>; referralId: string; itemId?: string },
): Promise<void> {
  const recipient = await tx.notifications.recipient(userId);
  if (!recipient) return;
  if (recipient.frequency === 'daily') {
    await tx.notifications.addPending({
      userId,
      kind: message.template,
      referralId: message.referralId,
      itemId: message.itemId,
    });
    return;
  }
  await tx.outbox.enqueue({
    channel: 'email',
    template: message.template,
    recipient: recipient.email,
    payload: message.payload,
  });
}

/** A new referral: every member of each organisation with an activity in it (call inside the creating transaction). */
export async function tellPartnersOfNewReferral(
  tx: PeopleRepositories,
  referral: { id: string; items: readonly { id: string; organisationId: string }[] },
  siteUrl: string,
): Promise<void> {
  for (const item of referral.items) {
    for (const userId of await tx.memberships.membersOf(item.organisationId)) {
      await tell(tx, userId, {
        template: 'referral-new',
        payload: { link: `${siteUrl}/partner/referrals/${item.id}` },
        referralId: referral.id,
        itemId: item.id,
      });
    }
  }
}

/** The resident or a provider answered: the connector is told (call inside the answering transaction). */
export async function tellConnectorOfAnswer(
  tx: PeopleRepositories,
  referral: { id: string; connectorUserId: string },
  input: { itemId: string; by: 'resident' | 'provider'; siteUrl: string },
): Promise<void> {
  await tell(tx, referral.connectorUserId, {
    template: input.by === 'resident' ? 'referral-resident-answered' : 'referral-provider-answered',
    payload: { link: `${input.siteUrl}/referrals/${referral.id}` },
    referralId: referral.id,
    itemId: input.itemId,
  });
}

/** The latest digest time at or before `now`: today's DIGEST_HOUR in London, or yesterday's. */
export function lastDigestTime(now: Date): Date {
  const local = DateTime.fromJSDate(now, { zone: DIGEST_ZONE });
  let at = local.set({ hour: DIGEST_HOUR, minute: 0, second: 0, millisecond: 0 });
  if (at > local) at = at.minus({ days: 1 }).set({ hour: DIGEST_HOUR });
  return at.toJSDate();
}

/**
 * Sends each person with waiting changes ONE digest email: everything queued before the latest
 * digest time (today's 08:00 London once it has passed), so a person gets at most one a day,
 * and changes after 08:00 wait for tomorrow's. The rows are claimed and the email queued in one
 * transaction, so a rerun, a restart or a second instance sends nothing twice and loses nothing.
 * Returns how many digests were queued.
 */
export async function sendDailyDigests(store: PeopleStore, options: { siteUrl: string }): Promise<number> {
  const cutoff = lastDigestTime(store.clock());
  let sent = 0;
  for (const userId of await store.notifications.usersWithPending(cutoff)) {
    await store.transaction(async (tx) => {
      const claimed = await tx.notifications.claimPending(userId, cutoff);
      if (claimed.length === 0) return;
      const recipient = await tx.notifications.recipient(userId);
      if (!recipient) return; // deactivated: the rows are marked digested and nothing is sent
      const referrals = new Set(claimed.map((c) => c.referralId ?? c.id)).size;
      const forPartner = claimed.every((c) => c.kind === 'referral-new');
      await tx.outbox.enqueue({
        channel: 'email',
        template: 'referral-digest',
        recipient: recipient.email,
        payload: {
          referrals,
          link: forPartner ? `${options.siteUrl}/partner/referrals` : `${options.siteUrl}/referrals`,
        },
      });
      sent += 1;
    });
  }
  return sent;
}

/** The site's address for links in answer notifications: the caller's, else SITE_URL, else the local server. */
export function answerSiteUrl(siteUrl?: string): string {
  if (siteUrl) return siteUrl.replace(/\/+$/, '');
  try {
    return readConfig(process.env).siteUrl;
  } catch {
    return (process.env.SITE_URL ?? 'http://localhost:4321').replace(/\/+$/, '');
  }
}

// ---------------------------------------------------------------------------------------------
// Sending the link to the resident

/** The templates that carry a resident's number or address as their recipient. */
export const RESIDENT_LINK_TEMPLATES = ['referral-link-sms', 'referral-link-email'] as const;
/** A resident's number or address is cleared from the outbox this many days after it was sent. */
export const RESIDENT_RECIPIENT_RETENTION_DAYS = 7;
/** At most this many link messages per referral in a day. */
export const SEND_LINK_LIMIT = { windowSeconds: 24 * 60 * 60, max: 3 };

export type SendLinkProblems = Partial<Record<'send-by' | 'send-to' | 'send-consent', string>>;

/** Checks the send form; returns the recipient or the problems, in plain English. */
export function parseSendLinkForm(
  form: Record<string, string | undefined>,
): { ok: true; channel: 'sms' | 'email'; recipient: string } | { ok: false; problems: SendLinkProblems } {
  const problems: SendLinkProblems = {};
  const by = form['send-by'];
  const to = (form['send-to'] ?? '').trim();
  let recipient: string | undefined;
  if (by !== 'sms' && by !== 'email') problems['send-by'] = 'Choose whether to text or email the link';
  else if (!to)
    problems['send-to'] = by === 'sms' ? 'Enter the resident’s mobile number' : 'Enter the resident’s email address';
  else if (by === 'sms') {
    recipient = ukPhoneNumber(to, { mobile: true });
    if (!recipient) problems['send-to'] = 'Enter a UK mobile number, like 07700 900 123';
  } else {
    recipient = z.email().max(254).safeParse(to).success ? to : undefined;
    if (!recipient) problems['send-to'] = 'Enter an email address in the right format, like name@example.com';
  }
  if (form['send-consent'] !== 'yes') problems['send-consent'] = 'Confirm the resident agreed to get this message';
  if (Object.keys(problems).length > 0 || !recipient) return { ok: false, problems };
  return { ok: true, channel: by as 'sms' | 'email', recipient };
}

/**
 * Queues the link of a connector's own referral to the resident's number or address (which is
 * the outbox recipient and nowhere else), audited by ids only, at most SEND_LINK_LIMIT a day per
 * referral. `token` is the link's code from the page that shows it (only its hash is stored).
 */
export async function sendLinkToResident(
  store: PeopleStore,
  connector: Person,
  input: { referralId: string; token: string; form: Record<string, string | undefined>; siteUrl: string },
): Promise<{ ok: true; channel: 'sms' | 'email' } | { ok: false; problems: SendLinkProblems; status: number }> {
  const referral = await referralForConnector(store, connector, input.referralId);
  if (!referral) throw new ReferralError('not-found', 'There is no such referral.');
  const tokenHash = referralTokenHash(input.token);
  const opened = tokenHash ? await store.referrals.findByTokenHash(tokenHash) : undefined;
  if (referral.revokedAt || referral.anonymisedAt || opened?.id !== referral.id) {
    throw new ReferralError('gone', 'This link no longer works: make a new link to send it.');
  }
  const parsed = parseSendLinkForm(input.form);
  if (!parsed.ok) return { ok: false, problems: parsed.problems, status: 400 };
  const limit = await store.rateLimits.consume(`referral-send-link:${referral.id}`, SEND_LINK_LIMIT);
  if (!limit.allowed) {
    return {
      ok: false,
      status: 429,
      problems: { 'send-by': 'This link has been sent too many times today. Try again tomorrow, or read it out.' },
    };
  }
  await store.transaction(async (tx) => {
    await tx.outbox.enqueue({
      channel: parsed.channel,
      template: parsed.channel === 'sms' ? 'referral-link-sms' : 'referral-link-email',
      recipient: parsed.recipient,
      payload: { link: linkUrl(input.siteUrl, input.token) },
    });
    await tx.audit.append({
      actorUserId: connector.userId,
      action: 'referral.link-sent',
      subjectKind: 'referral',
      subjectId: referral.id,
      detail: { channel: parsed.channel },
    });
  });
  return { ok: true, channel: parsed.channel };
}

/** Clears residents' numbers and addresses from link messages sent (or finally failed) over RESIDENT_RECIPIENT_RETENTION_DAYS ago. */
export async function clearResidentRecipients(store: PeopleStore): Promise<number> {
  const before = new Date(store.clock().getTime() - RESIDENT_RECIPIENT_RETENTION_DAYS * 86_400_000);
  return store.notifications.clearRecipients(RESIDENT_LINK_TEMPLATES, before);
}
