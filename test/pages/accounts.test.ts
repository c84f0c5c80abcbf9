import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/people/tokens.ts';
import { invite } from '../../src/accounts/invitations.ts';
import { ACCOUNT_BACKOFF } from '../../src/accounts/auth.ts';
import {
  createAccount,
  GOOD_PASSWORD,
  HttpClient,
  serverPeople,
  SESSION_COOKIE,
  signedInClient,
  totpCode,
  type PageResponse,
} from '../support/portal';
import { sampleOfType } from '../support/sample';

const summary = (page: PageResponse) =>
  [
    ...(page.html.match(/<div class="nhsuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '').matchAll(
      /<a href="#([^"]+)">([^<]+)</g,
    ),
  ].map(([, field, message]) => ({ field, message }));
const h1 = (page: PageResponse) => page.html.match(/<h1[^>]*>([^<]*)/)?.[1]?.trim();
const inviteToken = (link: string) => link.split('/').pop()!;
const organisation = sampleOfType<{ _id: string; name: string }>('organisation')[0]!;

async function signInThroughPage(client: HttpClient, email: string, password: string, next?: string) {
  return client.post(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in', { email, password });
}

describe('signing in', () => {
  it('offers a form that password managers and paste work with, never cached or indexed', async () => {
    const page = await new HttpClient().get('/sign-in');
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('<meta name="robots" content="noindex"');
    expect(page.html).toMatch(/<input[^>]*id="email"[^>]*autocomplete="username"/);
    expect(page.html).toMatch(/<input[^>]*id="password"[^>]*type="password"[^>]*autocomplete="current-password"/);
    expect(page.html).not.toMatch(/onpaste|oncopy|captcha/i);
  });

  it('lists what is missing in an error summary linked to each field', async () => {
    const page = await new HttpClient().post('/sign-in', { email: '', password: '' });
    expect(summary(page)).toEqual([
      { field: 'email', message: 'Enter your email address' },
      { field: 'password', message: 'Enter your password' },
    ]);
  });

  it('gives the same answer for a wrong password and an unknown address', async () => {
    const account = await createAccount('connector');
    const wrong = await signInThroughPage(new HttpClient(), account.email, 'not the right password at all');
    const unknown = await signInThroughPage(new HttpClient(), 'nobody-here@example.org', GOOD_PASSWORD);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(summary(wrong)).toEqual(summary(unknown));
    expect(summary(wrong)[0]!.message).toBe('Your email address or password is not right');
  });

  it('signs in and goes back to the page asked for, on this site only', async () => {
    // A commissioner: one step (no two-factor), landing on the reports.
    const account = await createAccount('commissioner');
    const client = new HttpClient();
    const page = await signInThroughPage(client, account.email, account.password, '/account?x=1');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/account?x=1');
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const elsewhere = await signInThroughPage(new HttpClient(), account.email, account.password, next);
      expect(elsewhere.location, next).toBe('/reports');
    }
  });

  it('sets the session cookie with the __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    const account = await createAccount('connector');
    const page = await signInThroughPage(new HttpClient(), account.email, account.password);
    const cookie = page.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
    expect(cookie).toBeDefined();
    const attributes = cookie!.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(['secure', 'httponly', 'samesite=lax', 'path=/']));
    expect(attributes.some((a) => a.startsWith('domain'))).toBe(false);
    for (const other of page.headers.getSetCookie()) expect(other).toMatch(/^__Host-signpost\./);
  });

  it('never adopts a session cookie set before sign-in (session fixation)', async () => {
    const account = await createAccount('commissioner');
    const client = new HttpClient();
    client.jar.cookies.set(SESSION_COOKIE, 'chosen-by-an-attacker.signature');
    expect((await client.get('/account')).status).toBe(303);
    await signInThroughPage(client, account.email, account.password);
    const value = client.jar.cookies.get(SESSION_COOKIE);
    expect(value).toBeDefined();
    expect(value).not.toBe('chosen-by-an-attacker.signature');
    expect((await client.get('/account')).status).toBe(200);

    // And each sign-in gets a new session, never the one a browser already had.
    const again = await signInThroughPage(client, account.email, account.password);
    expect(again.status).toBe(303);
    expect(client.jar.cookies.get(SESSION_COOKIE)).not.toBe(value);
  });

  it('asks for the authenticator code when two-factor is on, and accepts only the right one', async () => {
    const editor = await createAccount('editor');
    const client = new HttpClient();
    const first = await signInThroughPage(client, editor.email, editor.password, '/reports');
    expect(first.location).toBe('/sign-in/code?next=%2Freports');
    expect(client.jar.cookies.has(SESSION_COOKIE)).toBe(false);
    const form = await client.get(first.location!);
    expect(form.html).toMatch(/<input[^>]*id="code"[^>]*autocomplete="one-time-code"/);
    const code = totpCode(editor.totpUri!);
    const wrongCode = code === '000000' ? '111111' : '000000';
    const wrong = await client.post(first.location!, { method: 'app', code: wrongCode });
    expect(wrong.status).toBe(401);
    expect(summary(wrong)[0]!.message).toMatch(/That code is not right/);
    const right = await client.post(first.location!, { method: 'app', code });
    expect(right.status).toBe(303);
    expect(right.location).toBe('/reports');
    expect(client.jar.cookies.has(SESSION_COOKIE)).toBe(true);
  });

  it('says to start again when the code step has no password step behind it', async () => {
    const page = await new HttpClient().post('/sign-in/code', { method: 'app', code: '123456' });
    expect(h1(page)).toBe('Sign in again');
  });

  it('limits sign-in attempts from one address and says how long to wait', async () => {
    const account = await createAccount('connector');
    const client = new HttpClient();
    let last: PageResponse | undefined;
    for (let attempt = 0; attempt < 6; attempt++) {
      last = await signInThroughPage(client, account.email, 'a wrong password, again');
    }
    expect(last!.status).toBe(429);
    expect(summary(last!)[0]!.message).toMatch(/too many attempts to sign in\. Wait \d+ (seconds|minute)/);
    // The right password from that address waits too.
    expect((await signInThroughPage(client, account.email, account.password)).status).toBe(429);
  });

  it('limits attempts on one account from many addresses', async () => {
    const account = await createAccount('connector');
    const statuses: number[] = [];
    for (let attempt = 0; attempt <= ACCOUNT_BACKOFF.max; attempt++) {
      statuses.push((await signInThroughPage(new HttpClient(), account.email, 'wrong password number x')).status);
    }
    expect(statuses.slice(0, ACCOUNT_BACKOFF.max).every((s) => s === 401)).toBe(true);
    expect(statuses[ACCOUNT_BACKOFF.max]).toBe(429);
  });

  it('signs out with a POST only', async () => {
    const account = await createAccount('connector');
    const client = await signedInClient(account);
    expect((await client.get('/sign-out')).status).toBe(303);
    expect((await client.get('/account')).status).toBe(200);
    const out = await client.post('/sign-out', {});
    expect(out.location).toBe('/sign-in?signed-out=1');
    expect(client.jar.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await client.get('/account')).status).toBe(303);
  });
});

describe('cross-site requests', () => {
  it('refuses a form post from another site with a 403 page, and changes nothing', async () => {
    const account = await createAccount('connector');
    const client = await signedInClient(account);
    const page = await client.post('/account', { action: 'sign-out-everywhere' }, { origin: 'https://evil.example' });
    expect(page.status).toBe(403);
    expect(h1(page)).toBe('This form could not be sent');
    expect((await client.get('/account')).status).toBe(200);
  });

  it('refuses a JSON post from another site with a 403 JSON answer', async () => {
    const account = await createAccount('connector');
    const client = await signedInClient(account);
    const response = await client.request('/api/auth/sign-out', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.html)).toMatchObject({ error: 'cross-site-request' });
    expect((await client.get('/account')).status).toBe(200);
  });

  it('refuses a post that does not say where it came from', async () => {
    const client = new HttpClient();
    expect((await client.post('/forgot-password', { email: 'a@example.org' }, { origin: null })).status).toBe(403);
    const json = await client.request('/api/auth/sign-in/email', {
      method: 'POST',
      origin: null,
      body: JSON.stringify({ email: 'a@example.org', password: 'x' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(403);
  });

  it('accepts a post from this site, by Origin or by Sec-Fetch-Site', async () => {
    const account = await createAccount('connector');
    const client = await signedInClient(account);
    const json = await client.request('/api/auth/sign-out', {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(json.status).toBe(200);
    const other = await signedInClient(account);
    const page = await other.post('/sign-out', {}, { origin: null, headers: { 'sec-fetch-site': 'same-origin' } });
    expect(page.status).toBe(303);
  });
});

describe('private pages', () => {
  it('send someone who is not signed in to sign in, coming back afterwards', async () => {
    const page = await new HttpClient().get('/admin/users');
    expect(page.status).toBe(303);
    expect(page.location).toBe('/sign-in?next=%2Fadmin%2Fusers');
  });

  it('show a 403 page to someone whose role may not open them', async () => {
    const client = await signedInClient(await createAccount('connector'));
    for (const path of ['/admin/users', '/admin/outbox']) {
      const page = await client.get(path);
      expect(page.status, path).toBe(403);
      expect(h1(page)).toBe('You cannot open this page');
    }
  });

  it('send an editor without two-factor to set it up first, whatever they open', async () => {
    const editor = await createAccount('editor', { twoFactor: false });
    const client = await signedInClient(editor);
    const users = await client.get('/admin/users');
    expect(users.location).toBe('/account/two-factor?next=%2Fadmin%2Fusers');
    const account = await client.get('/account');
    expect(account.location).toBe('/account/two-factor?next=%2Faccount');
    const enrol = await client.get('/account/two-factor');
    expect(enrol.status).toBe(200);
    expect(enrol.html).toContain('you need to set this up before you can use');
  });

  it('are never stored, and nor is any page seen by someone signed in', async () => {
    const client = await signedInClient(await createAccount('connector'));
    for (const path of ['/account', '/', '/search?q=walk']) {
      expect((await client.get(path)).headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await new HttpClient().get('/')).headers.get('cache-control')).not.toBe('no-store');
  });

  it('show who is signed in and the links for their role, and residents the public header only', async () => {
    const resident = await new HttpClient().get('/');
    expect(resident.html).not.toContain('Signed in as');
    expect(resident.html).not.toContain('nhsuk-header__navigation');

    const connector = await createAccount('connector', { name: 'Casey Connector' });
    const asConnector = await (await signedInClient(connector)).get('/');
    expect(asConnector.html).toContain('Signed in as Casey Connector (community connector)');
    expect(asConnector.html).toMatch(/<a class="nhsuk-header__account-link" href="\/account">\s*Your account/);
    expect(asConnector.html).toMatch(/<form[^>]*action="\/sign-out" method="post"/);
    expect(asConnector.html).toContain('>Referrals</a>');

    const partner = await createAccount('partner', { organisationIds: [organisation._id] });
    expect((await (await signedInClient(partner)).get('/')).html).toContain('>Referrals to your organisation</a>');

    const admin = await createAccount('admin');
    const asAdmin = (await (await signedInClient(admin)).get('/')).html;
    for (const text of ['Reports', 'Users', 'Outbox']) expect(asAdmin).toContain(`>${text}</a>`);
  });
});

describe('invitations', () => {
  it('answer 410 for a link that does not work, with a way to find support, never cached, indexed or referred', async () => {
    const page = await new HttpClient().get(`/invite/${'x'.repeat(43)}`);
    expect(page.status).toBe(410);
    expect(h1(page)).toBe('This invitation link does not work');
    expect(page.html).toContain('href="/urgent-help"');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.html).toContain('<meta name="robots" content="noindex"');
  });

  it('let the invitee choose a name and password once, refusing a common password in plain words', async () => {
    const { store, config } = await serverPeople();
    const email = `invitee-${Date.now()}@example.org`;
    const { link } = await invite(store, config, { email, role: 'connector' });
    const path = `/invite/${inviteToken(link)}`;
    const client = new HttpClient();
    const form = await client.get(path);
    expect(form.status).toBe(200);
    expect(form.html).toContain('Use at least 12 characters');
    expect(form.html).toMatch(/autocomplete="new-password"/);
    const weak = await client.post(path, { name: 'Ina Invitee', password: 'Password1234!' });
    expect(summary(weak)).toEqual([
      {
        field: 'password',
        message: 'That password is too common or easy to guess. Try three or four random words together.',
      },
    ]);
    const done = await client.post(path, { name: 'Ina Invitee', password: GOOD_PASSWORD });
    expect(done.location).toBe('/sign-in?invited=1');
    expect((await client.get(path)).status).toBe(410);
    expect((await signInThroughPage(client, email, GOOD_PASSWORD)).status).toBe(303);
  });
});

describe('resetting a password', () => {
  it('answers the same whether or not the address has an account, and queues a link only for an account', async () => {
    const { store } = await serverPeople();
    const account = await createAccount('connector');
    const known = await new HttpClient().post('/forgot-password', { email: account.email });
    const unknown = await new HttpClient().post('/forgot-password', { email: 'no-account-here@example.org' });
    expect(h1(known)).toBe('Check your email');
    expect(known.html.replace(/<input[^>]*>/g, '')).toBe(unknown.html.replace(/<input[^>]*>/g, ''));
    const messages = await store.outbox.list({ limit: 500 });
    expect(messages.some((m) => m.template === 'password-reset' && m.recipient === account.email)).toBe(true);
    expect(messages.some((m) => m.recipient === 'no-account-here@example.org')).toBe(false);
  });

  it('changes the password from the link once, ending every session', async () => {
    const { store } = await serverPeople();
    const account = await createAccount('connector');
    const before = await signedInClient(account);
    await new HttpClient().post('/forgot-password', { email: account.email });
    const message = (await store.outbox.list({ limit: 500 })).find(
      (m) => m.template === 'password-reset' && m.recipient === account.email,
    )!;
    const path = new URL(String(message.payload.link)).pathname;
    const client = new HttpClient();
    expect((await client.get(path)).status).toBe(200);
    const weak = await client.post(path, { password: 'short' });
    expect(summary(weak)[0]!.message).toMatch(/at least 12 characters/);
    const newPassword = 'copper kettle marmalade harbour';
    const done = await client.post(path, { password: newPassword });
    expect(done.location).toBe('/sign-in?reset=1');
    expect((await before.get('/account')).status).toBe(303);
    expect((await client.get(path)).status).toBe(410);
    expect((await signInThroughPage(new HttpClient(), account.email, newPassword)).status).toBe(303);
  });

  it('answers 410 for a reset link that does not work', async () => {
    const page = await new HttpClient().get('/reset-password/abcdefghijklmnopqrstuvwx');
    expect(page.status).toBe(410);
    expect(page.html).toContain('href="/forgot-password"');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });
});

describe('your account', () => {
  it('changes the password after checking the current one, signing out other sessions', async () => {
    const account = await createAccount('connector');
    const here = await signedInClient(account);
    const elsewhere = await signedInClient(account);
    const wrong = await here.post('/account', {
      action: 'change-password',
      'current-password': 'not my password at all',
      'new-password': 'violet tractor summer lagoon',
    });
    expect(summary(wrong)).toEqual([{ field: 'current-password', message: 'Your current password is not right' }]);
    const done = await here.post('/account', {
      action: 'change-password',
      'current-password': account.password,
      'new-password': 'violet tractor summer lagoon',
    });
    expect(done.status).toBe(200);
    expect(done.html).toContain('Your password has been changed');
    expect((await here.get('/account')).status).toBe(200);
    expect((await elsewhere.get('/account')).status).toBe(303);
  });

  it('signs out of all sessions, on every device', async () => {
    const account = await createAccount('partner', { organisationIds: [organisation._id] });
    const here = await signedInClient(account);
    const elsewhere = await signedInClient(account);
    const page = await here.post('/account', { action: 'sign-out-everywhere' });
    expect(page.location).toBe('/sign-in?signed-out=1');
    expect((await here.get('/account')).status).toBe(303);
    expect((await elsewhere.get('/account')).status).toBe(303);
  });

  it('shows the partner their organisation by name', async () => {
    const account = await createAccount('partner', { organisationIds: [organisation._id] });
    const page = await (await signedInClient(account)).get('/account');
    expect(page.html).toContain(organisation.name.replace(/&/g, '&amp;'));
  });
});

describe('managing users', () => {
  it('lets an admin invite a partner of an organisation chosen from the directory', async () => {
    const admin = await signedInClient(await createAccount('admin'));
    const form = await admin.get('/admin/users');
    expect(form.status).toBe(200);
    expect(form.html).toContain(`<option value="${organisation._id}"`);
    const missing = await admin.post('/admin/users', { action: 'invite', email: 'p@example.org', role: 'partner' });
    expect(summary(missing)).toEqual([{ field: 'organisation', message: 'Choose the organisation they work for' }]);
    const email = `new-partner-${Date.now()}@example.org`;
    const done = await admin.post('/admin/users', {
      action: 'invite',
      email,
      role: 'partner',
      organisation: organisation._id,
    });
    expect(done.status).toBe(200);
    const link = done.html.match(/https?:\/\/[^<"\s]+\/invite\/[A-Za-z0-9_-]{43}/)?.[0];
    expect(link).toBeDefined();
    const { store } = await serverPeople();
    const invitation = await store.invitations.findByTokenHash(hashToken(inviteToken(link!)));
    expect(invitation).toMatchObject({ email, role: 'partner', organisationIds: [organisation._id] });
    expect((await admin.get('/admin/users')).html).toContain(email);
  });

  it('cancels an invitation so its link stops working', async () => {
    const { store, config } = await serverPeople();
    const { link, invitation } = await invite(store, config, {
      email: `cancel-${Date.now()}@example.org`,
      role: 'connector',
    });
    const admin = await signedInClient(await createAccount('admin'));
    await admin.post('/admin/users', { action: 'revoke', invitation: invitation.id });
    expect((await new HttpClient().get(`/invite/${inviteToken(link)}`)).status).toBe(410);
  });

  it('shows admins the outbox with recipients masked and no link or token anywhere', async () => {
    const account = await createAccount('connector', { email: `jo.outbox-${Date.now()}@example.org` });
    await new HttpClient().post('/forgot-password', { email: account.email });
    const admin = await signedInClient(await createAccount('admin'));
    const invited = await admin.post('/admin/users', {
      action: 'invite',
      email: `outbox-invitee-${Date.now()}@example.org`,
      role: 'connector',
    });
    expect(invited.status).toBe(200);
    const page = await admin.get('/admin/outbox');
    expect(page.status).toBe(200);
    expect(page.html).toContain('password-reset');
    expect(page.html).toContain('invitation');
    expect(page.html).toContain('j***@example.org');
    expect(page.html).not.toContain(account.email);
    expect(page.html).not.toMatch(/\/reset-password\/|\/invite\/|\/r\/[A-Za-z0-9_-]{20,}/);
    const { store } = await serverPeople();
    for (const message of await store.outbox.list({ limit: 20 })) {
      expect(page.html).not.toContain(message.recipient);
      const link = message.payload.link;
      if (typeof link === 'string') expect(page.html).not.toContain(new URL(link).pathname.split('/').pop()!);
    }
  });
});
