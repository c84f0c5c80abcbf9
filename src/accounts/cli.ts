/**
 * `npm run accounts -- create --email E --role R [--organisation ID ...]`: invites someone and
 * prints the one-time link to give them. Runs against the configured store (migrating it first).
 * `npm run accounts -- rotate-keys`: re-seals every resident's contact detail with the first key
 * of PEOPLE_DATA_KEYS, after which older keys can be dropped (README, "Encryption keys").
 */
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from '../config.ts';
import { ROLES } from '../people/schema.ts';
import { parseTeamForm } from '../people/teams.ts';
import { createPeopleStore, openPeopleStore, peopleStoreOptions } from '../people/store.ts';
import { EncryptionKeyError } from '../security/encryption.ts';
import { AccountsError, INVITATION_DAYS, invitationProblems, invite } from './invitations.ts';

export const USAGE = `Usage:
  npm run accounts -- create --email <address> --role <role> [--organisation <uuid> ...]

Invites someone and prints a one-time link (valid ${INVITATION_DAYS} days) for them to choose a password.
  --email         their email address
  --role          one of: ${ROLES.join(', ')}
  --organisation  partners only, one or more: the directory organisation's id (a UUID)

  npm run accounts -- create-team --name <name> --kind <neighbourhood|pcn> --area <area slug> [--team-email <address>] [--team-phone <number>]

Adds a connectors' team and prints its id (put connectors in it on their page under /admin/users).

  npm run accounts -- rotate-keys

Re-seals every resident's contact detail with the first key of PEOPLE_DATA_KEYS. Put a new key
first, run this, then drop the old key.`;

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** Runs the accounts command; returns the exit code (0 done, 2 wrong arguments, 1 failed). */
export async function runAccountsCli(
  argv: string[],
  env: Record<string, string | undefined>,
  io: CliIo = { out: (l) => console.log(l), err: (l) => console.error(l) },
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        organisation: { type: 'string', multiple: true },
        name: { type: 'string' },
        kind: { type: 'string' },
        area: { type: 'string' },
        'team-email': { type: 'string' },
        'team-phone': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length === 1 && positionals[0] === 'create-team') return createTeam(values, env, io);
  if (positionals.length === 1 && positionals[0] === 'rotate-keys') return rotateKeys(env, io);
  if (positionals.length !== 1 || positionals[0] !== 'create') {
    io.err(
      `${positionals.length === 0 ? 'Say what to do: create, create-team or rotate-keys.' : `Unknown command "${positionals.join(' ')}".`}\n\n${USAGE}`,
    );
    return 2;
  }
  const problems: string[] = [];
  if (!values.email) problems.push('--email is required.');
  if (!values.role) problems.push('--role is required.');
  if (problems.length === 0) {
    problems.push(
      ...invitationProblems({ email: values.email!, role: values.role!, organisationIds: values.organisation ?? [] }),
    );
  }
  if (problems.length > 0) {
    io.err(`${problems.join('\n')}\n\n${USAGE}`);
    return 2;
  }

  let config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  const store = await createPeopleStore(config);
  try {
    const { link, invitation } = await invite(store, config, {
      email: values.email!,
      role: values.role!,
      organisationIds: values.organisation ?? [],
    });
    const organisations = invitation.organisationIds.length;
    io.out(
      [
        `Invitation for ${invitation.email} as ${invitation.role}` +
          (organisations > 0 ? ` of ${organisations} organisation${organisations === 1 ? '' : 's'}` : '') +
          `, valid until ${invitation.expiresAt.slice(0, 16).replace('T', ' ')} UTC.`,
        'Give them this link yourself (it works once; anyone holding it can use it):',
        '',
        `  ${link}`,
        '',
      ].join('\n'),
    );
    return 0;
  } catch (error) {
    if (error instanceof AccountsError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

/** `create-team`: adds a team (the area is checked as a slug; the admin page checks it against the content's areas). */
async function createTeam(
  values: Record<string, string | boolean | string[] | undefined>,
  env: Record<string, string | undefined>,
  io: CliIo,
): Promise<number> {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const area = text('area') ?? '';
  const { input, errors } = parseTeamForm(
    {
      name: text('name'),
      kind: text('kind'),
      area,
      contactEmail: text('team-email'),
      contactPhone: text('team-phone'),
    },
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(area) ? [area] : [],
  );
  const problems = Object.values(errors);
  if (problems.length > 0) {
    io.err(`${problems.join('\n')}\n\n${USAGE}`);
    return 2;
  }
  let config;
  try {
    config = readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  const store = await createPeopleStore(config);
  try {
    const team = await store.teams.create(input, null);
    io.out(`Team "${team.name}" (${team.kind}, ${team.areaSlug}) added: ${team.id}`);
    return 0;
  } finally {
    await store.close();
  }
}

/** Re-seals with the current key; fails (1) with the reason if a value is sealed with a key not held. */
async function rotateKeys(env: Record<string, string | undefined>, io: CliIo): Promise<number> {
  let store;
  try {
    store = openPeopleStore(peopleStoreOptions(readConfig(env)));
  } catch (error) {
    if (error instanceof ConfigError || error instanceof EncryptionKeyError) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
  try {
    await store.migrate();
    const count = await store.reseal();
    await store.audit.append({
      actorUserId: null,
      action: 'people-data.keys.rotated',
      subjectKind: 'people-data',
      subjectId: null,
      detail: { resealed: count },
    });
    io.out(`Re-sealed ${count} value${count === 1 ? '' : 's'}; every value is now sealed with the first key.`);
    return 0;
  } catch (error) {
    if (error instanceof EncryptionKeyError) {
      io.err(`Nothing was lost, but not every value could be re-sealed: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}
