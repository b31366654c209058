import type { MigrationBackend } from '../migrate/backend';
import type { ModelMeta } from '../metadata/types';
import type { FilterNode, FindSpec } from '../query/filter-ast';

/** A row as the database stores it, keyed by column name (values already encoded). */
export type StoredRow = Record<string, unknown>;

/** An open transaction of one driver; opaque to shared code. */
export type TransactionHandle = unknown;

/**
 * What a driver method resolves to, or the value itself when the database answered at once (an in-process one):
 * each promise is costly while async hooks are on, so a hot path does not wrap an answer it already has. A failure
 * is always a rejected promise, never a throw. Callers `await` it or hand it to `guarded`, never call `.then` on it.
 */
export type Answer<T> = T | Promise<T>;

/** What a driver can do. Shared code and tests ask this, never the driver's type. */
export interface DriverCapabilities {
  /** `transaction()` works (false: it throws TransactionError with the reason). */
  readonly transactions: boolean;
  /** Concurrent transactions do not see each other's uncommitted writes. */
  readonly transactionIsolation: boolean;
  /** Nested transactions become savepoints. */
  readonly savepoints: boolean;
  /** Server-side cursors for `stream()`. */
  readonly cursors: boolean;
  /** Change streams (MongoDB replica sets). */
  readonly changeStreams: boolean;
  /** Schema changes run in transactions: a migration file is applied whole or not at all. Default false. */
  readonly transactionalDdl?: boolean;
  /** Tables with typed columns, and `Model.table` (a Drizzle table) for hand-written queries. */
  readonly sqlTables?: boolean;
  /** Range filters and sorting on `decimal` fields (false only where the server cannot compare them). Default true. */
  readonly decimalOrdering?: boolean;
  /**
   * Filters inside json values match exactly as on MongoDB: booleans never equal numbers, an array element that is
   * itself an array is compared whole, `$elemMatch` and `$size` see only the arrays a path reaches, and a path that
   * crosses a scalar or a null reaches "absent" (`{ 'a.b': null }` matches `{ a: 5 }`). Default true; false only on
   * the MongoDB test stand-in (mongomock), whose matcher differs there.
   */
  readonly exactJsonMatching?: boolean;
}

/** Settings every driver receives from `DatabaseFactory.createDatabase`. */
export interface DriverConfig {
  readonly name: string;
  readonly type: string;
  readonly url: string;
  readonly databaseName?: string;
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * The one seam between shared code and a database. It speaks in models and Filter ASTs, not SQL.
 * Every method that touches data takes the open transaction, if any, as its last argument.
 */
export interface Driver {
  readonly type: string;
  readonly capabilities: DriverCapabilities;
  /**
   * This driver keeps state per async context (a request, a job) in the read scope (routing/read-scope.ts): when the
   * context last wrote (replicas), causal tokens (MongoDB). Only then do model operations open a scope; without one
   * nothing turns on async-context tracking, which makes every promise of the process dearer.
   */
  readonly usesReadScope?: boolean;
  connect(): Promise<void>;
  close(): Promise<void>;
  /** One round trip to the server (health checks); a broken connection throws ConnectionError. */
  ping(): Promise<void>;
  /** Creates missing tables / collections, columns and indexes (idempotent). */
  sync(models: readonly ModelMeta[]): Promise<void>;
  /** A new id for an insert (generated client-side so that codecs can bind values to it). */
  newId(): string;
  /** Whether an id could exist in this backend; a malformed one is simply not found. */
  isValidId(id: string): boolean;
  find(meta: ModelMeta, spec: FindSpec, tx?: TransactionHandle): Answer<StoredRow[]>;
  findById(meta: ModelMeta, id: string, scope: FilterNode | undefined, tx?: TransactionHandle): Answer<StoredRow | undefined>;
  /** Reads in batches on a server-side cursor; memory stays bounded by `batchSize`. */
  stream(meta: ModelMeta, spec: FindSpec, batchSize: number, tx?: TransactionHandle): AsyncIterable<StoredRow[]>;
  count(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Answer<number>;
  /** Inserts in one round trip. */
  insert(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Answer<void>;
  /**
   * Writes stored rows (as `find` returns them: ciphertext and blind indexes as they are) with their ids, replacing
   * any row with the same id. No encoding, no validation; used to copy rows between databases.
   */
  upsertMany(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Answer<void>;
  updateById(meta: ModelMeta, id: string, patch: StoredRow, tx?: TransactionHandle): Answer<number>;
  updateMany(meta: ModelMeta, filter: FilterNode | undefined, patch: StoredRow, tx?: TransactionHandle): Answer<number>;
  deleteMany(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Answer<number>;
  /** Runs `fn` in a transaction, or in a savepoint of `parent`. Commits on return, rolls back on throw. */
  transaction<R>(fn: (tx: TransactionHandle) => Promise<R>, parent?: TransactionHandle): Promise<R>;
  /**
   * How far (ms) this server's data is behind its primary: for the health checks of replicas. Undefined when the
   * server is a primary or cannot tell; drivers that have no such notion leave the method out.
   */
  replicationLagMs?(): Promise<number | undefined>;
  /** Maps a native error to the EssenciaError family (keeping it as `cause`); returns other errors as they are. */
  convertError(error: unknown, meta?: ModelMeta): unknown;
  /** The schema-migration side of this backend (`db.migrations`), on a connected driver; absent where not supported. */
  migrationBackend?(): MigrationBackend | undefined;
  /** SQL drivers: the Drizzle table of a model in this driver's dialect (`Model.table`). */
  drizzleTable?(meta: ModelMeta): unknown;
  /**
   * SQL drivers: a Drizzle database on this driver's connection; each statement runs in the transaction `current`
   * resolves to (undefined: outside any, on the pool), and `ran` hears of each one that succeeded.
   */
  drizzle?(current: () => Promise<TransactionHandle | undefined>, ran?: DrizzleStatementRan): unknown;
}

/** Told of each statement `db.drizzle` ran, with the transaction it ran in (what a cache needs to see writes). */
export type DrizzleStatementRan = (text: string, tx: TransactionHandle | undefined) => Promise<void>;

/** Creates a driver for a configuration; registered per database type. */
export type DriverFactory = (config: DriverConfig) => Driver;
