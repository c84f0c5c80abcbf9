/**
 * A small Kysely dialect over Node's built-in `node:sqlite` (`DatabaseSync`).
 *
 * Kysely's own SQLite dialect expects better-sqlite3's statement API, and the one shipped by
 * `@better-auth/kysely-adapter` opens transactions with a plain (deferred) `BEGIN`. A deferred
 * transaction that later writes can fail at once with SQLITE_BUSY when another process (the
 * accounts CLI, a second server) wrote in between, whatever the busy timeout; `BEGIN IMMEDIATE`
 * takes the write lock up front and waits for it under the busy timeout instead. SQLite's DDL is
 * transactional, so migrations run inside a transaction too.
 *
 * One process holds one connection; a mutex hands it to one query or transaction at a time.
 */
import type { DatabaseSync, SQLInputValue } from 'node:sqlite';
import {
  CompiledQuery,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

class NodeSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/**
 * node:sqlite takes a plain object among the arguments as named parameters, which shifts every
 * positional one after it (a `WHERE id = ?` bound to NULL). Only values SQLite can store pass.
 */
function positionalParameters(parameters: readonly unknown[]): SQLInputValue[] {
  parameters.forEach((value, index) => {
    const ok =
      value === null ||
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'bigint' ||
      ArrayBuffer.isView(value);
    if (!ok) {
      const kind = Array.isArray(value)
        ? 'an array'
        : typeof value === 'object'
          ? 'an object'
          : value === undefined
            ? 'undefined'
            : `a ${typeof value}`;
      throw new TypeError(`SQLite parameter ${index + 1} is ${kind}: only text, numbers, null and bytes can be bound.`);
    }
  });
  return parameters as SQLInputValue[];
}

class NodeSqliteConnection implements DatabaseConnection {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    try {
      const parameters = positionalParameters(compiledQuery.parameters);
      const statement = this.#db.prepare(compiledQuery.sql);
      if (statement.columns().length > 0) {
        return Promise.resolve({ rows: statement.all(...parameters) as R[] });
      }
      const { changes, lastInsertRowid } = statement.run(...parameters);
      return Promise.resolve({
        rows: [],
        numAffectedRows: BigInt(changes),
        insertId: BigInt(lastInsertRowid),
      });
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming is not supported by the node:sqlite dialect.');
  }
}

class Mutex {
  #held: Promise<void> | undefined;
  #release: (() => void) | undefined;

  async lock(): Promise<void> {
    while (this.#held) await this.#held;
    this.#held = new Promise((resolve) => {
      this.#release = resolve;
    });
  }

  unlock(): void {
    const release = this.#release;
    this.#held = undefined;
    this.#release = undefined;
    release?.();
  }
}

class NodeSqliteDriver implements Driver {
  readonly #db: DatabaseSync;
  readonly #connection: NodeSqliteConnection;
  readonly #mutex = new Mutex();

  constructor(db: DatabaseSync) {
    this.#db = db;
    this.#connection = new NodeSqliteConnection(db);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#mutex.lock();
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    this.#mutex.unlock();
  }

  async destroy(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}

/** Kysely over an open `DatabaseSync`; closing Kysely closes the database. */
export class NodeSqliteDialect implements Dialect {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  createDriver(): Driver {
    return new NodeSqliteDriver(this.#db);
  }

  createQueryCompiler(): QueryCompiler {
    return new SqliteQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new NodeSqliteAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new SqliteIntrospector(db);
  }
}
