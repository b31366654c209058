import type { MigrationBackend } from '../../migrate/backend';
import { mongoMigrationBackend } from '../../migrate/mongodb/mongo-backend';
import type { ClientSession, Collection, Db, Document, FindOptions, MongoClient, UpdateResult } from 'mongodb';
import { ConfigError, EssenciaError, QueryError, TransactionError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';
import type { FilterNode, FindSpec } from '../../query/filter-ast';
import type { Driver, DriverCapabilities, DriverConfig, StoredRow, TransactionHandle } from '../driver';
import { causally } from './mongo-causal';
import { concernOptions } from './mongo-concerns';
import { compileFilter, compileProjection, compileSort } from './filter-to-mongo';
import { mongoSettings, type MongoSettings } from './mongo-config';
import { connectionError, convertMongoError, redact } from './mongo-errors';
import { loadMongo } from './mongo-module';
import { syncModels } from './mongo-sync';
import { NEEDS_REPLICA_SET, serverFacts, UNKNOWN_SERVER, type MongoDeployment, type MongoServerFacts } from './mongo-topology';
import { MongoTransaction, runTransaction, sessionOf } from './mongo-transactions';
import { undoFailed, type UndoLog } from './mongo-undo';
import { newObjectIdHex } from './object-id-hex';
import { fromDocument, insertDocumentBuilder, toUpdateDocument } from './mongo-documents';
import { MONGO_ID, toStoredId } from './mongo-values';

interface Connection {
  readonly client: MongoClient;
  readonly db: Db;
  /** Collection handles by model, made once per connection: each costs the driver an options merge. */
  readonly collections: WeakMap<ModelMeta, ModelCollections>;
}

/** A model's collection as a transaction uses it (its concerns apply), and with the model's own concerns. */
interface ModelCollections {
  readonly plain: Collection;
  readonly withConcerns: Collection;
}

/** Reads the server's `hello` (falling back to `isMaster` on old servers) and `buildInfo`. */
async function askServer(client: MongoClient): Promise<MongoServerFacts> {
  const admin = client.db('admin');
  await admin.command({ ping: 1 });
  const hello = await admin.command({ hello: 1 }).catch(() => admin.command({ isMaster: 1 }));
  const buildInfo = await admin.command({ buildInfo: 1 }).catch(() => undefined);
  return serverFacts(hello, buildInfo);
}

const nothing = (): void => undefined;
/** An update's count: a number already where nothing needed writing (a count of the matching documents). */
const matchedCount = (result: UpdateResult | number): number => (typeof result === 'number' ? result : result.matchedCount);

/**
 * The filter of one id: a plain equality, which the server answers from the `_id` index without planning the query
 * (`{ $eq }` is planned). Safe without `$eq`: the stored id is a string or an ObjectId, never an operator document.
 */
function idFilter(id: string): Document {
  return { [MONGO_ID]: toStoredId(id) };
}

/** A model's collection handles on a connection (made on first use; the model's concerns are checked then). */
function collectionsOf(connection: Connection, meta: ModelMeta): ModelCollections {
  let collections = connection.collections.get(meta);
  if (!collections) {
    const { db } = connection;
    collections = { plain: db.collection(meta.collection), withConcerns: db.collection(meta.collection, concernOptions(meta.name, meta.options)) };
    connection.collections.set(meta, collections);
  }
  return collections;
}

function checkPaging(spec: FindSpec): void {
  for (const key of ['limit', 'offset'] as const) {
    const v = spec[key];
    if (v !== undefined && (!Number.isInteger(v) || v < 0)) throw new QueryError(`${key} must be a non-negative integer`);
  }
}

/**
 * The MongoDB driver, over the official `mongodb` package (loaded on first use). Ids are stored as `_id`
 * (ObjectId for 24-digit hex, else the string); null fields are absent; decimals are Decimal128.
 * Update counts are *matched* documents (as SQL counts rows matched by WHERE), so a no-op update of an existing
 * document counts 1. MongoDB has no savepoints: a nested `transaction()` is emulated (see `transaction`).
 */
export class MongoDriver implements Driver {
  readonly type = 'mongodb';
  /**
   * Causal tokens of the async context's writes live in the read scope (mongo-causal.ts); a server whose replies
   * carry no operation time leaves none to keep.
   */
  get usesReadScope(): boolean {
    return this.#facts.operationTimes;
  }
  readonly #settings: MongoSettings;
  readonly #name: string;
  #connecting: Promise<Connection> | undefined;
  /** The connection once open: operations then reach it without waiting on a promise. */
  #connection: Connection | undefined;
  #facts: MongoServerFacts = UNKNOWN_SERVER;

  constructor(config: DriverConfig) {
    this.#settings = mongoSettings(config);
    this.#name = config.name;
  }

  /** Known after `connect()`: before it, no transactions or change streams are promised. */
  get capabilities(): DriverCapabilities {
    return this.#facts.capabilities;
  }

  /** The kind of server found at `connect()` (`standIn` for the mongomock-wire test server). */
  get deployment(): MongoDeployment {
    return this.#facts.deployment;
  }

  /** The database name in use. */
  get databaseName(): string {
    return this.#settings.databaseName;
  }

  connect(): Promise<void> {
    return this.#ready().then(() => undefined);
  }

  async close(): Promise<void> {
    const connecting = this.#connecting;
    this.#connecting = undefined;
    this.#connection = undefined;
    if (!connecting) return;
    const connection = await connecting.catch(() => undefined);
    await connection?.client.close();
  }

  async ping(): Promise<void> {
    const { client } = await this.#ready();
    try {
      await client.db('admin').command({ ping: 1 });
    } catch (error) {
      throw connectionError(this.#settings.hosts, error, 'ping failed');
    }
  }

  #ready(): Promise<Connection> {
    if (!this.#connecting) {
      const attempt = this.#open();
      this.#connecting = attempt;
      attempt.catch(() => {
        if (this.#connecting === attempt) this.#connecting = undefined;
      });
    }
    return this.#connecting;
  }

  async #open(): Promise<Connection> {
    const { url, hosts, databaseName, clientOptions } = this.#settings;
    let client: MongoClient;
    try {
      client = new (loadMongo().MongoClient)(url, clientOptions);
    } catch (error) {
      if (error instanceof EssenciaError) throw error;
      const reason = error instanceof Error ? redact(error.message) : 'invalid settings';
      throw new ConfigError(`MongoDB at ${hosts}: invalid URL or options (${reason})`, { cause: error });
    }
    try {
      await client.connect();
      this.#facts = await askServer(client);
      const connection: Connection = { client, db: client.db(databaseName), collections: new WeakMap() };
      this.#connection = connection;
      return connection;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw connectionError(hosts, error, 'cannot connect');
    }
  }

  async #collection(meta: ModelMeta): Promise<Collection> {
    return collectionsOf(this.#connection ?? (await this.#ready()), meta).plain;
  }

  /**
   * Runs one operation on a model's collection. In a transaction: with its session (the transaction's concerns
   * apply). Outside one: with the model's concerns, in a causally consistent session that follows this async
   * context's earlier writes (see {@link causally}), where the server's replies carry the times to follow.
   */
  #run<R>(
    meta: ModelMeta,
    tx: TransactionHandle | undefined,
    write: boolean,
    op: (collection: Collection, options: { session?: ClientSession }) => Promise<R>,
  ): Promise<R> {
    const session = sessionOf(tx, this);
    const connection = this.#connection;
    if (!connection) return this.#ready().then(() => this.#run(meta, tx, write, op));
    const collections = collectionsOf(connection, meta);
    if (session) return (tx as MongoTransaction).serially(() => op(collections.plain, { session }));
    if (!this.#facts.operationTimes) return op(collections.withConcerns, {});
    return causally(connection.client, this.#name, write, (s) => op(collections.withConcerns, s ? { session: s } : {}));
  }

  #session(tx: TransactionHandle | undefined): { session?: ClientSession } {
    const session = sessionOf(tx, this);
    return session ? { session } : {};
  }

  /** The undo log of a nested transaction scope (and its session), or undefined where writes need no before-images. */
  #undoLog(tx: TransactionHandle | undefined): { log: UndoLog; session: ClientSession } | undefined {
    const session = sessionOf(tx, this);
    const log = (tx as MongoTransaction | undefined)?.undo;
    return session && log ? { log, session } : undefined;
  }

  /**
   * Runs `work`, converting what it throws or rejects with, and maps its result with `then` when given, all in one
   * derived promise (a chain, not an async function; a `.then` inside and a `.catch` outside would make two, each
   * dear under async hooks).
   */
  #guard<T, R = T>(meta: ModelMeta | undefined, work: () => Promise<T>, then?: (value: T) => R): Promise<R> {
    let running: Promise<T>;
    try {
      running = work();
    } catch (error) {
      return Promise.reject(this.convertError(error, meta));
    }
    return running.then(then as (value: T) => R, (error: unknown) => {
      throw this.convertError(error, meta);
    });
  }

  /** Built key by key: spreads that add keys to a copy are a slow path in V8 (about 0.5 µs each). */
  #findOptions(spec: FindSpec, session: ClientSession | undefined): FindOptions {
    const options: FindOptions = {};
    if (session) options.session = session;
    if ((spec.sort?.length ?? 0) > 0 || spec.limit !== undefined || (spec.offset ?? 0) > 0) options.sort = compileSort(spec.sort);
    if (spec.offset) options.skip = spec.offset;
    if (spec.limit !== undefined) options.limit = spec.limit;
    if (spec.fields) options.projection = compileProjection(spec.fields);
    return options;
  }

  async sync(models: readonly ModelMeta[]): Promise<void> {
    await this.#guard(undefined, async () => {
      const { db } = await this.#ready();
      await syncModels(db, models, { partialUnique: this.#facts.deployment !== 'standIn' });
    });
  }

  migrationBackend(): MigrationBackend {
    return mongoMigrationBackend(
      async () => (await this.#ready()).db,
      () => ({ partialUnique: this.#facts.deployment !== 'standIn' }),
    );
  }

  newId(): string {
    return newObjectIdHex();
  }

  isValidId(id: string): boolean {
    return typeof id === 'string' && id.length > 0;
  }

  find(meta: ModelMeta, spec: FindSpec, tx?: TransactionHandle): Promise<StoredRow[]> {
    return this.#guard(meta, () => {
      checkPaging(spec);
      if (spec.limit === 0) return Promise.resolve([]);
      const filter = compileFilter(spec.filter);
      return this.#run(meta, tx, false, (c, s) =>
        c
          .find(filter, this.#findOptions(spec, s.session))
          .toArray()
          .then((docs) => docs.map((doc) => fromDocument(meta, doc, spec.fields))),
      );
    });
  }

  findById(meta: ModelMeta, id: string, scope: FilterNode | undefined, tx?: TransactionHandle): Promise<StoredRow | undefined> {
    return this.#guard(
      meta,
      () => {
        if (!this.isValidId(id)) return Promise.resolve(null);
        const byId = idFilter(id);
        const filter = scope ? { $and: [byId, compileFilter(scope)] } : byId;
        return this.#run(meta, tx, false, (c, s) => c.findOne(filter, s));
      },
      (doc) => (doc ? fromDocument(meta, doc) : undefined),
    );
  }

  async *stream(meta: ModelMeta, spec: FindSpec, batchSize: number, tx?: TransactionHandle): AsyncIterable<StoredRow[]> {
    if (!Number.isInteger(batchSize) || batchSize <= 0) throw new QueryError('stream: batchSize must be a positive integer');
    checkPaging(spec);
    if (spec.limit === 0) return;
    const options = this.#findOptions(spec, sessionOf(tx, this));
    options.batchSize = batchSize;
    const collection = await this.#guard(meta, () => this.#collection(meta));
    const cursor = collection.find(compileFilter(spec.filter), options);
    try {
      let batch: StoredRow[] = [];
      while (true) {
        let doc: Document | null;
        try {
          doc = await cursor.next();
        } catch (error) {
          throw this.convertError(error, meta);
        }
        if (doc === null) break;
        batch.push(fromDocument(meta, doc, spec.fields));
        if (batch.length >= batchSize) {
          yield batch;
          batch = [];
          // A stream that outlived its transaction scope reads no further.
          if (tx !== undefined) sessionOf(tx, this);
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      await cursor.close().catch(() => undefined);
    }
  }

  count(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Promise<number> {
    return this.#guard(meta, () => this.#run(meta, tx, false, (c, s) => c.countDocuments(compileFilter(filter), s)));
  }

  insert(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Promise<void> {
    return this.#guard(
      meta,
      (): Promise<unknown> => {
        if (rows.length === 0) return Promise.resolve();
        const toDocument = insertDocumentBuilder(meta);
        const docs = rows.map((row) => toDocument(row));
        const undo = this.#undoLog(tx);
        if (undo) return this.#insertUndoably(meta, docs, tx, undo.log);
        // One document: insertOne, which skips the driver's bulk-write bookkeeping.
        if (docs.length === 1) return this.#run(meta, tx, true, (c, s) => c.insertOne(docs[0]!, s));
        return this.#run(meta, tx, true, (c, s) => c.insertMany(docs, { ordered: true, ...s }));
      },
      nothing,
    );
  }

  /**
   * An insert in a nested transaction scope, which records what went in for the scope's undo as part of the operation:
   * an undo chained after it on the session finds what it inserted.
   */
  async #insertUndoably(meta: ModelMeta, docs: Document[], tx: TransactionHandle | undefined, log: UndoLog): Promise<void> {
    const collection = await this.#collection(meta);
    await this.#run(meta, tx, true, (c, s) =>
      c.insertMany(docs, { ordered: true, ...s }).then(
        () => log.inserted(collection, docs.map((d) => d[MONGO_ID])),
        (error: unknown) => {
          // Ordered: the first `insertedCount` documents went in before the failure.
          const count = (error as { insertedCount?: unknown }).insertedCount;
          if (typeof count === 'number') log.inserted(collection, docs.slice(0, count).map((d) => d[MONGO_ID]));
          else log.unrecoverable = 'an insert failed part-way';
          throw error;
        },
      ),
    );
  }

  upsertMany(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Promise<void> {
    return this.#guard(meta, async () => {
      if (rows.length === 0) return;
      if (this.#undoLog(tx)) throw new TransactionError('upsertMany cannot run in a nested transaction on MongoDB (no savepoints to undo it)');
      const toDocument = insertDocumentBuilder(meta);
      const operations = rows.map((row) => {
        const doc = toDocument(row);
        return { replaceOne: { filter: { [MONGO_ID]: doc[MONGO_ID] }, replacement: doc, upsert: true } };
      });
      await this.#run(meta, tx, true, (c, s) => c.bulkWrite(operations, { ordered: true, ...s }));
    });
  }

  updateById(meta: ModelMeta, id: string, patch: StoredRow, tx?: TransactionHandle): Promise<number> {
    // A chain, not an async function: save() of a loaded instance comes here, and each promise is dear under async hooks.
    return this.#guard(
      meta,
      (): Promise<UpdateResult | number> => {
        if (!this.isValidId(id)) return Promise.resolve(0);
        const filter = idFilter(id);
        const update = toUpdateDocument(meta, patch);
        if (!update) return this.#collection(meta).then((c) => c.countDocuments(filter, { ...this.#session(tx), limit: 1 }));
        const write = (): Promise<UpdateResult> => this.#run(meta, tx, true, (c, s) => c.updateOne(filter, update, s));
        const undo = this.#undoLog(tx);
        if (!undo) return write();
        return this.#collection(meta)
          .then((c) => undo.log.changing(c, filter, undo.session, 'an update'))
          .then(write);
      },
      matchedCount,
    );
  }

  updateMany(meta: ModelMeta, filter: FilterNode | undefined, patch: StoredRow, tx?: TransactionHandle): Promise<number> {
    return this.#guard(meta, async () => {
      const where = compileFilter(filter);
      const collection = await this.#collection(meta);
      const update = toUpdateDocument(meta, patch);
      if (!update) return collection.countDocuments(where, this.#session(tx));
      const undo = this.#undoLog(tx);
      if (undo) await undo.log.changing(collection, where, undo.session, 'updateMany');
      return (await this.#run(meta, tx, true, (c, s) => c.updateMany(where, update, s))).matchedCount;
    });
  }

  deleteMany(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Promise<number> {
    return this.#guard(meta, async () => {
      const where = compileFilter(filter);
      const collection = await this.#collection(meta);
      const undo = this.#undoLog(tx);
      if (undo) await undo.log.changing(collection, where, undo.session, 'deleteMany');
      return (await this.#run(meta, tx, true, (c, s) => c.deleteMany(where, s))).deletedCount;
    });
  }

  /**
   * Runs `fn` in a transaction (see {@link runTransaction}). With `parent`, MongoDB having no savepoints, `fn` runs
   * in a nested scope of the parent's session transaction that records the before-image of every document it writes;
   * when `fn` throws, those writes are undone in the same transaction (a savepoint, emulated). When they cannot be
   * (more than MAX_UNDO_DOCUMENTS changed by one updateMany / deleteMany, or the undo fails), the nested call and the
   * whole transaction fail with a TransactionError. On a standalone server this throws TransactionError instead of
   * running without a transaction.
   */
  async transaction<R>(fn: (tx: TransactionHandle) => Promise<R>, parent?: TransactionHandle): Promise<R> {
    if (parent !== undefined && parent !== null) return this.#nested(parent as MongoTransaction, fn);
    const { client } = await this.#ready();
    if (!this.#facts.capabilities.transactions) {
      const reason = this.#facts.noTransactionsReason ?? NEEDS_REPLICA_SET;
      throw new TransactionError(`${reason} (the server at ${this.#settings.hosts} is ${this.#facts.deployment})`);
    }
    return runTransaction(client, this, fn);
  }

  async #nested<R>(parent: MongoTransaction, fn: (tx: TransactionHandle) => Promise<R>): Promise<R> {
    sessionOf(parent, this);
    const scope = parent.child();
    let result: R;
    try {
      result = await fn(scope);
    } catch (error) {
      // The undo is chained after the operation already sent (whose write it may have to undo), before any sent later.
      void scope.end();
      try {
        await parent.serially(() => scope.undo!.undo(scope.session));
      } catch (undoError) {
        const failed = undoFailed(undoError, error);
        parent.fail(failed);
        throw failed;
      }
      throw error;
    }
    // The operation already sent belongs to this scope: its write is in the log once it has settled.
    await scope.end();
    parent.undo?.adopt(scope.undo!);
    return result;
  }

  convertError(error: unknown, meta?: ModelMeta): unknown {
    return convertMongoError(error, meta, this.#settings.hosts);
  }
}

/**
 * Creates the MongoDB driver for a database configuration (called by `DatabaseFactory`).
 *
 * @example
 * const driver = createMongoDriver({ name: 'docs', type: 'mongodb', url: 'mongodb://127.0.0.1:27017', options: {} });
 * await driver.connect();
 */
export function createMongoDriver(config: DriverConfig): Driver {
  return new MongoDriver(config);
}
