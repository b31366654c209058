import { DatabaseCache } from '../cache/database-cache';
import type { CacheConfig } from '../cache/cache-config';
import { ConfigError } from '../errors';
import type { Driver, TransactionHandle } from '../drivers/driver';
import { modelMeta } from '../metadata/model-meta';
import { modelClassCountOf, modelClassesOf } from '../metadata/registry';
import type { ModelMeta } from '../metadata/types';
import { Migrations } from '../migrate/migrations';
import { currentTransaction, runInTransaction } from '../transaction/context';
import { InFlight } from './in-flight';
import { assertModelReady } from './model-readiness';
import { isRetryable, retriesOf, retryPause, type TransactionOptions } from './transaction-options';
import { settle } from '../util/settle';

/** How long `close()` waits for running work by default. */
const CLOSE_TIMEOUT_MS = 10_000;

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
  #migrations: Migrations | undefined;
  #drizzle: unknown;
  /** Whether a model of this database is cached, as of the `#modelsSeen`-th model class declared for it. */
  #anyModelCached = false;
  #modelsSeen = -1;
  /**
   * @internal The work running on this database (a model operation outside a transaction, a transaction), so that
   * `close()` waits for it; while closing, new work is refused with a ConnectionError.
   */
  readonly inFlight: InFlight;
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
    this.inFlight = new InFlight(name);
    this.cache = new DatabaseCache(name, cache);
    this.modelDriver = this.cache.wrap(driver, () => this.models());
  }

  /**
   * @internal The driver the operations of a model use: behind the cache only for a model with `@Model({ cache })`
   * (for the others the cache would pass every call through, at the price of a promise or two each).
   */
  driverOf(meta: ModelMeta): Driver {
    return meta.options.cache ? this.modelDriver : this.driver;
  }

  /** The driver transactions run on: behind the cache when a model of this database is cached (its writes inside invalidate after the commit). */
  #transactionDriver(): Driver {
    if (this.modelDriver === this.driver) return this.driver;
    const declared = modelClassCountOf(this.name);
    if (declared !== this.#modelsSeen) {
      this.#anyModelCached = this.models().some((meta) => meta.options.cache);
      this.#modelsSeen = declared;
    }
    return this.#anyModelCached ? this.modelDriver : this.driver;
  }

  get isConnected(): boolean {
    return this.#connected;
  }

  /** Schema migrations of this database: `plan()`, `generate()`, `up()`, `status()`, `down()` (docs/migrations.md). */
  get migrations(): Migrations {
    return (this.#migrations ??= new Migrations(this));
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
   *
   * With `{ retries: n }`, a transaction the server aborted over a conflict with another (a TransactionError with
   * `retryable: true`) runs again, up to n more times, after a short pause; `fn` must then be safe to run again.
   *
   * @example
   * await db.transaction(async () => { const a = await Account.findByIdOrFail(id); a.balance -= 10; await a.save(); }, { retries: 3 });
   */
  transaction<R>(fn: () => Promise<R>, options?: TransactionOptions): Promise<R> {
    return settle(() => {
      if (typeof fn !== 'function') throw new ConfigError('transaction(fn): fn must be a function');
      const retries = retriesOf(options);
      const parent = currentTransaction(this.name);
      const ambient = (handle: TransactionHandle): Promise<R> => runInTransaction(this.name, handle, fn);
      if (parent !== undefined) return this.#runTransaction(ambient, parent, undefined);
      return retries === 0 ? this.#runTransaction(ambient, undefined, this.inFlight) : this.#withRetries(ambient, retries);
    });
  }

  /**
   * @internal A transaction whose handle is given to `fn` rather than made ambient, for work that runs no user
   * code inside and passes the handle itself (insertMany of a model without hooks or rules). Making a transaction
   * ambient turns on AsyncLocalStorage, whose async hook then taxes every promise of the process for good (on
   * Node 20, about 7 % of a MongoDB `save()`'s instructions): an app that never calls `transaction()` should not pay it.
   */
  transactionWithHandle<R>(fn: (handle: TransactionHandle) => Promise<R>): Promise<R> {
    return this.#runTransaction(fn, undefined, this.inFlight);
  }

  async #withRetries<R>(fn: (handle: TransactionHandle) => Promise<R>, retries: number): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#runTransaction(fn, undefined, this.inFlight);
      } catch (error) {
        if (attempt >= retries || !isRetryable(error)) throw error;
        await retryPause(attempt);
      }
    }
  }

  /**
   * Runs `fn` in a transaction (a savepoint in `parent`, the ambient one), counted as work of `work` when given. One
   * derived promise converts the driver's errors and counts the work out (each promise is costly while async hooks
   * are on).
   */
  #runTransaction<R>(fn: (handle: TransactionHandle) => Promise<R>, parent: TransactionHandle | undefined, work: InFlight | undefined): Promise<R> {
    const refused = work?.enter();
    if (refused) return Promise.reject(refused);
    let running: Promise<R>;
    let failed = (error: unknown): unknown => error;
    try {
      if (!this.#connected) {
        running = this.ready().then(() => this.#runTransaction(fn, parent, undefined));
      } else {
        const driver = this.#transactionDriver();
        let thrown: { error: unknown } | undefined;
        const run = (handle: TransactionHandle): Promise<R> =>
          fn(handle).catch((error: unknown) => {
            thrown = { error };
            throw error;
          });
        // The callback's own errors pass as they are; the driver's (a lost connection, a failed commit) are converted.
        failed = (error) => (thrown?.error === error ? error : driver.convertError(error));
        running = driver.transaction(run, parent);
      }
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.then(
      (value) => {
        work?.leave();
        return value;
      },
      (error: unknown) => {
        work?.leave();
        throw failed(error);
      },
    );
  }

  /**
   * A Drizzle database on this database's own connection (SQL only), for hand-written queries over `Model.table`:
   * joins, aggregates. Inside `db.transaction()` its statements run in that transaction, so they commit or roll
   * back with the model operations around them. It connects on first use, like the models.
   */
  get drizzle(): any {
    const driver = this.modelDriver;
    if (!driver.drizzle) throw new ConfigError(`database '${this.name}' is ${this.type}: db.drizzle needs a SQL database`);
    this.#drizzle ??= driver.drizzle(async () => {
      await this.ready();
      return currentTransaction(this.name);
    });
    return this.#drizzle;
  }

  /**
   * Graceful shutdown (idempotent): new work is refused with a ConnectionError at once, work already running
   * (transactions included) may finish for up to `timeoutMs` (default 10 s), then the pool closes and what is
   * still running fails with a ConnectionError. The database can be connected again later.
   */
  async close({ timeoutMs = CLOSE_TIMEOUT_MS }: { timeoutMs?: number } = {}): Promise<void> {
    await this.inFlight.drain(timeoutMs);
    const connecting = this.#connecting;
    const opening = this.#opening;
    this.#connecting = undefined;
    this.#opening = undefined;
    this.#connected = false;
    if (connecting) await connecting.catch(() => undefined);
    if (opening) await opening.catch(() => undefined);
    await this.cache.close();
    await this.driver.close();
    this.inFlight.reopen();
  }
}
