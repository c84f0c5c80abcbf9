/**
 * Invitations: the only way in. An admin (or the accounts CLI, or the first start of an empty
 * store) invites an email address with a role (and, for partners, organisations); the invitee
 * opens `SITE_URL/invite/<token>` once and chooses a password. Only a hash of the token is kept,
 * and it expires.
 */
import type { Config } from '../config.ts';
import { ROLES, type Role } from '../people/schema.ts';
import type { Invitation, PeopleStore, PersonAccount } from '../people/store.ts';
import { hashToken, looksLikeToken, newToken } from '../people/tokens.ts';
import type { SignpostAuth } from './auth.ts';
import { passwordProblem } from './passwords.ts';

export const INVITATION_DAYS = 7;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A refusal to show the person: `message` is plain English and holds no secret. */
export class AccountsError extends Error {
  readonly code: 'invalid-input' | 'invitation-invalid' | 'account-exists' | 'weak-password';
  constructor(code: AccountsError['code'], message: string) {
    super(message);
    this.name = 'AccountsError';
    this.code = code;
  }
}

export interface InvitationRequest {
  email: string;
  role: string;
  organisationIds?: string[];
  invitedByUserId?: string | null;
}

/** What is wrong with an invitation request, each problem in a sentence; empty if nothing. */
export function invitationProblems(input: InvitationRequest): string[] {
  const problems: string[] = [];
  const email = input.email.trim();
  if (!EMAIL.test(email) || email.length > 254) problems.push(`"${email}" is not an email address.`);
  if (!(ROLES as readonly string[]).includes(input.role)) {
    problems.push(`"${input.role}" is not a role; use one of: ${ROLES.join(', ')}.`);
  }
  const organisations = input.organisationIds ?? [];
  for (const id of organisations) {
    if (!UUID.test(id)) problems.push(`"${id}" is not an organisation id (a UUID from the directory).`);
  }
  if (input.role === 'partner' && organisations.length === 0) {
    problems.push('A partner needs at least one organisation (--organisation <uuid>).');
  }
  if (input.role !== 'partner' && (ROLES as readonly string[]).includes(input.role) && organisations.length > 0) {
    problems.push(`Only partners belong to organisations; a ${input.role} does not.`);
  }
  return problems;
}

function linkFor(config: Pick<Config, 'siteUrl'>, token: string): string {
  return `${config.siteUrl}/invite/${token}`;
}

/** Invites someone; returns the one-time link (its token is kept nowhere). */
export async function invite(
  store: PeopleStore,
  config: Pick<Config, 'siteUrl'>,
  input: InvitationRequest,
): Promise<{ link: string; invitation: Invitation }> {
  const problems = invitationProblems(input);
  if (problems.length > 0) throw new AccountsError('invalid-input', problems.join(' '));
  const email = input.email.trim().toLowerCase();
  if (await store.users.findByEmail(email))
    throw new AccountsError('account-exists', `There is already an account for ${email}.`);
  const token = newToken();
  const invitation = await store.invitations.create({
    tokenHash: hashToken(token),
    email,
    role: input.role as Role,
    organisationIds: [...new Set((input.organisationIds ?? []).map((id) => id.toLowerCase()))],
    invitedByUserId: input.invitedByUserId ?? null,
    expiresAt: new Date(store.clock().getTime() + INVITATION_DAYS * 86_400_000),
  });
  return { link: linkFor(config, token), invitation };
}

function isPending(invitation: Invitation, now: Date): boolean {
  return !invitation.acceptedAt && !invitation.revokedAt && new Date(invitation.expiresAt) > now;
}

/** The pending invitation a link's token opens, if any (for the page that asks for a password). */
export async function findPendingInvitation(store: PeopleStore, token: string): Promise<Invitation | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const invitation = await store.invitations.findByTokenHash(hashToken(token));
  return invitation && isPending(invitation, store.clock()) ? invitation : undefined;
}

const INVALID = 'This invitation link has expired or has already been used. Ask an administrator for a new one.';

/** Accepts an invitation: creates the account with the chosen password, once. */
export async function acceptInvitation(
  store: PeopleStore,
  auth: SignpostAuth,
  input: { token: string; name: string; password: string; email?: string },
): Promise<PersonAccount> {
  const invitation = await findPendingInvitation(store, input.token);
  if (!invitation) throw new AccountsError('invitation-invalid', INVALID);
  // The first admin's invitation names no address: they give their own.
  const email = invitation.email ?? input.email?.trim().toLowerCase() ?? '';
  if (!EMAIL.test(email) || email.length > 254)
    throw new AccountsError('invalid-input', 'Enter your email address, like name@example.org.');
  const name = input.name.trim().replace(/\s+/g, ' ');
  if (name.length === 0 || name.length > 100)
    throw new AccountsError('invalid-input', 'Enter your name (at most 100 characters).');
  const problem = passwordProblem(input.password, { email, name });
  if (problem) throw new AccountsError('weak-password', problem);
  if (await store.users.findByEmail(email)) {
    throw new AccountsError('account-exists', 'There is already an account for this email address. Sign in instead.');
  }
  if (!(await store.invitations.claim(invitation.id))) throw new AccountsError('invitation-invalid', INVALID);

  const ctx = await auth.$context;
  let userId: string | undefined;
  try {
    const hash = await ctx.password.hash(input.password);
    const user = await ctx.internalAdapter.createUser(
      { email, name, emailVerified: true, role: invitation.role },
      { method: 'invitation' },
    );
    userId = user.id;
    await ctx.internalAdapter.linkAccount({
      userId: user.id,
      providerId: 'credential',
      accountId: user.id,
      password: hash,
    });
    for (const organisationId of invitation.organisationIds) await store.memberships.add(user.id, organisationId);
    await store.invitations.complete(invitation.id, user.id);
  } catch (error) {
    if (userId) await ctx.internalAdapter.deleteUser(userId).catch(() => undefined);
    await store.invitations.unclaim(invitation.id);
    throw error;
  }
  const account = await store.users.get(userId);
  if (!account) throw new Error('The new account could not be read back.');
  return account;
}

/**
 * On the first start of an empty store (no accounts, no pending admin invitation), invites the
 * first admin and prints the link: the one place a token is printed, by design. Later starts
 * print nothing. Returns the link when one was made.
 */
export async function ensureFirstAdmin(
  store: PeopleStore,
  config: Pick<Config, 'siteUrl'>,
  log: (line: string) => void = console.log,
): Promise<string | undefined> {
  const token = newToken();
  const invitation = await store.invitations.createIfNoAccounts({
    tokenHash: hashToken(token),
    email: null,
    role: 'admin',
    organisationIds: [],
    invitedByUserId: null,
    expiresAt: new Date(store.clock().getTime() + INVITATION_DAYS * 86_400_000),
  });
  if (!invitation) return undefined;
  const link = linkFor(config, token);
  log(
    [
      '',
      'Signpost has no accounts yet. Open this link to create the first administrator account',
      `(it works once, until ${invitation.expiresAt.slice(0, 10)}; keep it private):`,
      '',
      `  ${link}`,
      '',
      'Others are invited from the portal or with: npm run accounts -- create --email E --role R',
      '',
    ].join('\n'),
  );
  return link;
}
