import type { Answer, Driver, DriverCapabilities, StoredRow, TransactionHandle } from '../drivers/driver';
import { withReadFrom } from '../drivers/routing/read-scope';
import type { ModelMeta } from '../metadata/types';
import type { FilterNode, FindSpec } from '../query/filter-ast';
import type { CacheCounters } from './cache-stats';
import { cachedModelsOf, tableRewrittenBy } from './drizzle-writes';
import { idsOfFilter, scopeName, uniqueLookup } from './lookup';
import { PendingInvalidations, TransactionWrites } from './pending-invalidations';
import type { RowCache } from './row-cache';
import { settle } from '../util/settle';

/**
 * A read that fills the cache goes to the primary even where the model reads from replicas: invalidations follow
 * the primary's commits, so a lagging replica's older row would otherwise be cached until its ttl. Only a driver
 * that keeps state in the read scope (replicas, MongoDB's read preferences) is told so: opening a scope switches on
 * async-context tracking for the whole process.
 */
const fromPrimary = <R>(inner: Driver, read: () => Answer<R>): Answer<R> => (inner.usesReadScope ? withReadFrom('primary', read) : read());

const idsOfRows = (meta: ModelMeta, rows: readonly StoredRow[]): string[] | undefined => {
  const ids = rows.map((r) => r[meta.id.column]);
  return ids.every((id) => typeof id === 'string') ? (ids as string[]) : undefined;
};

/**
 * A Driver in front of another that caches `findById` and unique lookups of models with `@Model({ cache })`.
 * It sees stored rows only (decoding happens after it). Reads inside a transaction go straight through; writes
 * invalidate when they are done, or, inside a transaction, after it commits (nothing when it rolls back).
 */
export class CachingDriver implements Driver {
  readonly #writes = new TransactionWrites();
  // The inner driver's own, where it has them (migrations invalidate the cache themselves when they apply files).
  readonly migrationBackend?: Driver['migrationBackend'];
  readonly drizzleTable?: Driver['drizzleTable'];
  readonly replicationLagMs?: Driver['replicationLagMs'];
  readonly drizzle?: Driver['drizzle'];

  constructor(
    readonly inner: Driver,
    private readonly cache: () => RowCache,
    private readonly counters: CacheCounters,
    private readonly models: () => readonly ModelMeta[],
  ) {
    this.migrationBackend = inner.migrationBackend?.bind(inner);
    this.drizzleTable = inner.drizzleTable?.bind(inner);
    this.replicationLagMs = inner.replicationLagMs?.bind(inner);
    const drizzle = inner.drizzle?.bind(inner);
    if (drizzle) {
      this.drizzle = (current, ran) =>
        drizzle(current, async (text, tx) => {
          await this.#drizzleRan(text, tx);
          await ran?.(text, tx);
        });
    }
  }

  /** A Drizzle statement that rewrote rows of a cached model's table invalidates the whole model (its ids are unknown). */
  async #drizzleRan(text: string, tx: TransactionHandle | undefined): Promise<void> {
    const table = tableRewrittenBy(text);
    if (table === undefined) return;
    for (const meta of cachedModelsOf(table, this.models())) {
      if (tx !== undefined) this.#writes.of(tx)?.add(meta, undefined);
      else await this.cache().invalidate(meta, undefined);
    }
  }

  get type(): string {
    return this.inner.type;
  }

  get capabilities(): DriverCapabilities {
    return this.inner.capabilities;
  }

  connect(): Promise<void> {
    return this.inner.connect();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  ping(): Promise<void> {
    return this.inner.ping();
  }

  sync(models: readonly ModelMeta[]): Promise<void> {
    return this.inner.sync(models);
  }

  newId(): string {
    return this.inner.newId();
  }

  isValidId(id: string): boolean {
    return this.inner.isValidId(id);
  }

  /** Whether a cacheable read may use the cache now: not inside a transaction (counted as a bypass there). */
  #outsideTransaction(tx: TransactionHandle | undefined): boolean {
    if (tx === undefined) return true;
    this.counters.add('bypasses');
    return false;
  }

  async find(meta: ModelMeta, spec: FindSpec, tx?: TransactionHandle): Promise<StoredRow[]> {
    const lookup = meta.options.cache ? uniqueLookup(meta, spec) : undefined;
    if (!lookup || !this.#outsideTransaction(tx)) return this.inner.find(meta, spec, tx);
    const cache = this.cache();
    const { column } = lookup.field;
    const id = await cache.readPointer(meta, column, lookup.value);
    if (id !== undefined) {
      const row = await this.#byId(meta, id, lookup.scope, lookup.scopeFilter, cache);
      if (row && row[column] === lookup.value) return [row];
    }
    const rows = await fromPrimary(this.inner, () => this.inner.find(meta, spec));
    const only = rows.length === 1 ? rows[0]! : undefined;
    const onlyId = only?.[meta.id.column];
    if (only && only[column] === lookup.value && typeof onlyId === 'string') await cache.fillPointer(meta, column, lookup.value, onlyId);
    return rows;
  }

  async findById(meta: ModelMeta, id: string, scope: FilterNode | undefined, tx?: TransactionHandle): Promise<StoredRow | undefined> {
    const name = meta.options.cache ? scopeName(meta, scope) : undefined;
    if (name === undefined || !this.#outsideTransaction(tx)) return this.inner.findById(meta, id, scope, tx);
    return this.#byId(meta, id, name, scope, this.cache());
  }

  async #byId(meta: ModelMeta, id: string, scope: string, scopeFilter: FilterNode | undefined, cache: RowCache): Promise<StoredRow | undefined> {
    const read = await cache.readById(meta, id, scope);
    if (read && 'row' in read) return read.row;
    const fetch = () => this.inner.findById(meta, id, scopeFilter);
    const row = await (read ? fromPrimary(this.inner, fetch) : fetch());
    if (read && row) await cache.fill(meta, id, read.ticket, row);
    return row;
  }

  stream(meta: ModelMeta, spec: FindSpec, batchSize: number, tx?: TransactionHandle): AsyncIterable<StoredRow[]> {
    return this.inner.stream(meta, spec, batchSize, tx);
  }

  count(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Answer<number> {
    return this.inner.count(meta, filter, tx);
  }

  /** New rows need no invalidation: nothing is cached for an id before it exists, and pointers are checked. */
  insert(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Answer<void> {
    return this.inner.insert(meta, rows, tx);
  }

  upsertMany(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Answer<void> {
    return this.#write(meta, idsOfRows(meta, rows), tx, () => this.inner.upsertMany(meta, rows, tx));
  }

  updateById(meta: ModelMeta, id: string, patch: StoredRow, tx?: TransactionHandle): Answer<number> {
    return this.#write(meta, [id], tx, () => this.inner.updateById(meta, id, patch, tx));
  }

  updateMany(meta: ModelMeta, filter: FilterNode | undefined, patch: StoredRow, tx?: TransactionHandle): Answer<number> {
    return this.#write(meta, idsOfFilter(meta, filter), tx, () => this.inner.updateMany(meta, filter, patch, tx));
  }

  deleteMany(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Answer<number> {
    return this.#write(meta, idsOfFilter(meta, filter), tx, () => this.inner.deleteMany(meta, filter, tx));
  }

  /** Runs a write; invalidates when it is over (failed ones too: they may have reached the database). */
  #write<R>(meta: ModelMeta, ids: readonly string[] | undefined, tx: TransactionHandle | undefined, call: () => Answer<R>): Answer<R> {
    if (!meta.options.cache) return call();
    if (tx !== undefined) {
      this.#writes.of(tx)?.add(meta, ids);
      return call();
    }
    // A chain rather than try/finally in an async function: in process, the invalidation adds no promise of its own.
    return settle(call).then(
      (result) => this.#invalidated(meta, ids, result),
      (error: unknown) => this.#invalidated(meta, ids, Promise.reject(error)),
    );
  }

  /** `outcome` once the rows written are invalidated. */
  #invalidated<R>(meta: ModelMeta, ids: readonly string[] | undefined, outcome: R | Promise<R>): R | Promise<R> {
    const invalidating = this.cache().invalidate(meta, ids);
    return invalidating ? invalidating.then(() => outcome) : outcome;
  }

  async transaction<R>(fn: (tx: TransactionHandle) => Promise<R>, parent?: TransactionHandle): Promise<R> {
    const list = (parent !== undefined && this.#writes.of(parent)) || new PendingInvalidations();
    const result = await this.inner.transaction((tx) => {
      this.#writes.bind(tx, list);
      return fn(tx);
    }, parent);
    if (parent === undefined) await this.#flush(list);
    return result;
  }

  /** After a commit: the writes of the transaction invalidate. */
  async #flush(list: PendingInvalidations): Promise<void> {
    const entries = list.entries();
    if (entries.length === 0) return;
    const cache = this.cache();
    for (const [meta, ids] of entries) await cache.invalidate(meta, ids);
  }

  convertError(error: unknown, meta?: ModelMeta): unknown {
    return this.inner.convertError(error, meta);
  }
}
