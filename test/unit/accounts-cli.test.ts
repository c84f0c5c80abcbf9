import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { runAccountsCli } from '../../src/accounts/cli.ts';
import { createPeopleStore, type PeopleStore } from '../../src/people/store.ts';
import { hashToken } from '../../src/people/tokens.ts';
import { createTestDatabase, setUpOrFailEveryTest, STORE_KINDS, type TestDatabase } from '../support/databases.ts';

const ORG = '7e1d2c3b-5555-4eee-8eee-000000000005';
const LINK = /https:\/\/signpost\.test\/invite\/([A-Za-z0-9_-]{43})/;

async function run(argv: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runAccountsCli(argv, env, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function runScript(
  argv: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/accounts.mjs', ...argv], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe.each(STORE_KINDS)('The accounts command on %s', (kind) => {
  let database: TestDatabase;
  let store: PeopleStore;

  setUpOrFailEveryTest(async () => {
    database = await createTestDatabase(kind);
    store = await createPeopleStore(database.config);
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it('prints an invitation link for a connector and stores only its hash', async () => {
    const { code, out, err } = await run(
      ['create', '--email', 'Connie@Example.org', '--role', 'connector'],
      database.env,
    );
    expect(err).toBe('');
    expect(code).toBe(0);
    const token = LINK.exec(out)?.[1];
    expect(token).toBeDefined();
    expect(out).toContain('connie@example.org as connector');
    const invitation = await store.invitations.findByTokenHash(hashToken(token!));
    expect(invitation).toMatchObject({ email: 'connie@example.org', role: 'connector', organisationIds: [] });
  });

  it('invites a partner of one or more organisations', async () => {
    const other = '7e1d2c3b-6666-4fff-8fff-000000000006';
    const { code, out } = await run(
      ['create', '--email', 'pat@example.org', '--role', 'partner', '--organisation', ORG, '--organisation', other],
      database.env,
    );
    expect(code).toBe(0);
    expect(out).toContain('of 2 organisations');
    const invitation = await store.invitations.findByTokenHash(hashToken(LINK.exec(out)![1]!));
    expect(invitation?.organisationIds).toEqual([ORG, other]);
  });

  it('refuses wrong arguments with a clear message and the usage, creating nothing', async () => {
    const before = (await store.invitations.listPending()).length;
    const cases: [string[], RegExp][] = [
      [[], /Say what to do: create/],
      [['delete', '--email', 'a@example.org'], /Unknown command "delete"/],
      [['create', '--role', 'connector'], /--email is required/],
      [['create', '--email', 'a@example.org'], /--role is required/],
      [
        ['create', '--email', 'a@example.org', '--role', 'boss'],
        /"boss" is not a role; use one of: connector, partner, editor, admin/,
      ],
      [['create', '--email', 'nonsense', '--role', 'connector'], /"nonsense" is not an email address/],
      [['create', '--email', 'a@example.org', '--role', 'partner'], /partner needs at least one organisation/],
      [
        ['create', '--email', 'a@example.org', '--role', 'partner', '--organisation', 'acme'],
        /"acme" is not an organisation id/,
      ],
      [
        ['create', '--email', 'a@example.org', '--role', 'editor', '--organisation', ORG],
        /Only partners belong to organisations/,
      ],
      [['create', '--emial', 'a@example.org', '--role', 'editor'], /Unknown option '--emial'/],
    ];
    for (const [argv, message] of cases) {
      const { code, out, err } = await run(argv, database.env);
      expect(code, argv.join(' ')).toBe(2);
      expect(err, argv.join(' ')).toMatch(message);
      expect(err).toContain('Usage:');
      expect(out).not.toMatch(LINK);
    }
    expect((await store.invitations.listPending()).length).toBe(before);
  });

  it('prints its usage when asked', async () => {
    const { code, out } = await run(['--help'], database.env);
    expect(code).toBe(0);
    expect(out).toMatch(/npm run accounts -- create --email <address> --role <role>/);
  });

  it('runs as `npm run accounts` does, as a Node script', async () => {
    const ok = await runScript(['create', '--email', 'script@example.org', '--role', 'editor'], database.env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(LINK);
    const bad = await runScript(['create', '--email', 'script@example.org', '--role', 'wizard'], database.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"wizard" is not a role/);
    expect(bad.stdout).not.toMatch(LINK);
  }, 30_000);
});
