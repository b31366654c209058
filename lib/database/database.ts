import { DatabaseCache } from '../cache/database-cache';
import type { CacheConfig } from '../cache/cache-config';
import { ConfigError } from '../errors';
import type { Driver } from '../drivers/driver';
import { modelMeta } from '../metadata/model-meta';
import { modelClassesOf } from '../metadata/registry';
import type { ModelMeta } from '../metadata/types';
import { currentTransaction, runInTransaction } from '../transaction/context';
import { assertModelReady } from './model-readiness';

/**
 * One configured database. Create it with `DatabaseFactory.createDatabase`.
 *
 * @example
 * const pg = DatabaseFactory.createDatabase({ name: 'pg_main', url: process.env.DATABASE_URL });
 * await pg.connect(); await pg.sync();
 * await pg.transaction(async () => { await Appointment.create({ ... }); });
 */
export class Database {
  #connecting: Promise<Driver> | undefined;
  #opening: Promise<void> | undefined;
  #connected = false;
  /** This database's cache of `@Model({ cache })` rows: `stats()`, `invalidate(Model)`. */
  readonly cache: DatabaseCache;
  /** `driver` behind the cache: what model operations use. */
  readonly modelDriver: Driver;

  constructor(
    readonly name: string,
    readonly type: string,
    /** The driver; created at once, connected by `connect()`. */
    readonly driver: Driver,
    cache?: CacheConfig,
  ) {
    this.cache = new DatabaseCache(name, cache);
    this.modelDriver = this.cache.wrap(driver);
  }

  get isConnected(): boolean {
    return this.#connected;
  }

  /** Opens the connection pool (idempotent). A server that is down gives a ConnectionError. */
  async connect(): Promise<this> {
    await this.ready();
    return this;
  }

  /** The connected driver (behind the cache); connects on first use. */
  ready(): Promise<Driver> {
    if (!this.#connecting) {
      this.#connecting = (async () => {
        await this.#openDriver();
        for (const meta of this.models()) assertModelReady(meta, this.driver);
        await this.cache.start();
        this.#connected = true;
        return this.modelDriver;
      })();
      this.#connecting.catch(() => {
        this.#connecting = undefined;
      });
    }
    return this.#connecting;
  }

  #openDriver(): Promise<void> {
    if (!this.#opening) {
      this.#opening = this.driver.connect();
      this.#opening.catch(() => {
        this.#opening = undefined;
      });
    }
    return this.#opening;
  }

  /**
   * The connected driver, without the checks `ready()` makes of this database's models (their codecs' keys):
   * for tools that move stored rows as they are (`copyData`), which need no key.
   */
  async openDriver(): Promise<Driver> {
    await this.#openDriver();
    await this.cache.start();
    return this.modelDriver;
  }

  /** One round trip to the server (connecting first if needed): resolves when the database answers. */
  async ping(): Promise<void> {
    const driver = await this.ready();
    await driver.ping();
  }

  /** The models declared with `@Model({ database: <this name> })`. */
  models(): ModelMeta[] {
    return modelClassesOf(this.name).map((ctor) => modelMeta(ctor));
  }

  /**
   * Creates missing tables / collections, columns and indexes for this database's models (idempotent).
   * Before it (or your migrations) has run, SQL queries fail with a `ConfigError` (code `SCHEMA_MISSING`) naming
   * the table or column; MongoDB creates a collection on its first write, so reads find nothing and writes land
   * in a collection without the model's indexes (no `@Unique()`) until `sync()` runs.
   */
  async sync(): Promise<void> {
    const driver = await this.ready();
    await driver.sync(this.models());
  }

  /**
   * Runs `fn` in a transaction. Every model operation on this database inside `fn` joins it, with no handle
   * to pass. Commits when `fn` returns, rolls back when it throws; a nested call is a savepoint.
   * A server without transactions (a standalone MongoDB) throws TransactionError saying why.
   */
  async transaction<R>(fn: () => Promise<R>): Promise<R> {
    if (typeof fn !== 'function') throw new ConfigError('transaction(fn): fn must be a function');
    const driver = await this.ready();
    const parent = currentTransaction(this.name);
    let thrown: { error: unknown } | undefined;
    const run = (handle: unknown): Promise<R> =>
      runInTransaction(this.name, handle, fn).catch((error: unknown) => {
        thrown = { error };
        throw error;
      });
    try {
      return await driver.transaction(run, parent);
    } catch (error) {
      // The callback's own errors pass as they are; the driver's (a lost connection, a failed commit) are converted.
      throw thrown?.error === error ? error : driver.convertError(error);
    }
  }

  /** Closes the pool (idempotent). The database can be connected again later. */
  async close(): Promise<void> {
    const connecting = this.#connecting;
    const opening = this.#opening;
    this.#connecting = undefined;
    this.#opening = undefined;
    this.#connected = false;
    if (connecting) await connecting.catch(() => undefined);
    if (opening) await opening.catch(() => undefined);
    await this.cache.close();
    await this.driver.close();
  }
}
