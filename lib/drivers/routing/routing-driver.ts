import { ConnectionError, TransactionError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';
import type { FilterNode, FindSpec } from '../../query/filter-ast';
import type { Answer, Driver, DriverCapabilities, StoredRow, TransactionHandle } from '../driver';
import { inReadScope, noteWrite, scopedReadFrom, sinceLastWrite, type ReadFrom } from './read-scope';
import type { ReplicaSet } from './replica-set';

/** How reads are routed for one database. */
export interface RoutingPolicy {
  /** The database's default; a model's `@Model({ readFrom })` and a query's `.readFrom()` override it. */
  readonly readFrom: ReadFrom;
  /** After a write, reads of the same async context go to the primary for this long. */
  readonly readYourWritesMs: number;
}

/**
 * A Driver over a primary and its replicas. Writes, transactions (and every read inside one), `stream()` and `sync()`
 * go to the primary; a read outside a transaction goes to a usable replica when the query, the model or the database
 * says `readFrom: 'replica'` and the same async context has not written to this database within the read-your-writes
 * window. A replica read that cannot connect (or that the standby cancels over a replay conflict) is sent to the
 * primary instead, so a replica going down never fails a read.
 */
export class RoutingDriver implements Driver {
  readonly type: string;
  readonly capabilities: DriverCapabilities;
  readonly usesReadScope = true;
  // The primary's own, where it has them: migrations, Model.table and db.drizzle always work on the primary.
  readonly migrationBackend?: Driver['migrationBackend'];
  readonly drizzleTable?: Driver['drizzleTable'];
  readonly drizzle?: Driver['drizzle'];

  constructor(
    private readonly database: string,
    readonly primary: Driver,
    readonly replicas: ReplicaSet,
    private readonly policy: RoutingPolicy,
  ) {
    this.type = primary.type;
    this.capabilities = primary.capabilities;
    this.migrationBackend = primary.migrationBackend?.bind(primary);
    this.drizzleTable = primary.drizzleTable?.bind(primary);
    this.drizzle = primary.drizzle?.bind(primary);
  }

  async connect(): Promise<void> {
    await this.primary.connect();
    await this.replicas.start();
  }

  async close(): Promise<void> {
    await this.replicas.stop();
    await this.primary.close();
  }

  ping(): Promise<void> {
    return this.primary.ping();
  }

  sync(models: readonly ModelMeta[]): Promise<void> {
    return this.primary.sync(models);
  }

  newId(): string {
    return this.primary.newId();
  }

  isValidId(id: string): boolean {
    return this.primary.isValidId(id);
  }

  /**
   * The replica for a read outside a transaction, or undefined for the primary. Only model operations read from
   * replicas: tools that call the driver directly (copy, key rotation) read what they write back, from the primary.
   */
  private replicaFor(meta: ModelMeta): Driver | undefined {
    if (!inReadScope()) return undefined;
    const readFrom = scopedReadFrom() ?? meta.options.readFrom ?? this.policy.readFrom;
    if (readFrom !== 'replica' || sinceLastWrite(this.database) < this.policy.readYourWritesMs) return undefined;
    return this.replicas.pick();
  }

  private async read<R>(meta: ModelMeta, tx: TransactionHandle | undefined, run: (driver: Driver) => Answer<R>): Promise<R> {
    const replica = tx === undefined ? this.replicaFor(meta) : undefined;
    if (!replica) return run(this.primary);
    try {
      return await run(replica);
    } catch (error) {
      const converted = replica.convertError(error, meta);
      if (converted instanceof ConnectionError) {
        this.replicas.markDown(replica, `a read failed to connect (${(error as Error)?.message ?? String(error)})`);
        return run(this.primary);
      }
      // A hot standby cancels reads that conflict with the WAL it replays (40001): the primary has no such conflict.
      if (converted instanceof TransactionError && converted.retryable) return run(this.primary);
      throw error;
    }
  }

  private async write<R>(work: Answer<R>): Promise<R> {
    try {
      return await work;
    } finally {
      noteWrite(this.database);
    }
  }

  find(meta: ModelMeta, spec: FindSpec, tx?: TransactionHandle): Promise<StoredRow[]> {
    return this.read(meta, tx, (d) => d.find(meta, spec, tx));
  }

  findById(meta: ModelMeta, id: string, scope: FilterNode | undefined, tx?: TransactionHandle): Promise<StoredRow | undefined> {
    return this.read(meta, tx, (d) => d.findById(meta, id, scope, tx));
  }

  count(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Promise<number> {
    return this.read(meta, tx, (d) => d.count(meta, filter, tx));
  }

  /** Long reads hold a cursor open: on the primary, where it cannot be cut off by replay conflicts. */
  stream(meta: ModelMeta, spec: FindSpec, batchSize: number, tx?: TransactionHandle): AsyncIterable<StoredRow[]> {
    return this.primary.stream(meta, spec, batchSize, tx);
  }

  insert(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Promise<void> {
    return this.write(this.primary.insert(meta, rows, tx));
  }

  upsertMany(meta: ModelMeta, rows: readonly StoredRow[], tx?: TransactionHandle): Promise<void> {
    return this.write(this.primary.upsertMany(meta, rows, tx));
  }

  updateById(meta: ModelMeta, id: string, patch: StoredRow, tx?: TransactionHandle): Promise<number> {
    return this.write(this.primary.updateById(meta, id, patch, tx));
  }

  updateMany(meta: ModelMeta, filter: FilterNode | undefined, patch: StoredRow, tx?: TransactionHandle): Promise<number> {
    return this.write(this.primary.updateMany(meta, filter, patch, tx));
  }

  deleteMany(meta: ModelMeta, filter: FilterNode | undefined, tx?: TransactionHandle): Promise<number> {
    return this.write(this.primary.deleteMany(meta, filter, tx));
  }

  /** On the primary; the commit counts as a write of this context. */
  transaction<R>(fn: (tx: TransactionHandle) => Promise<R>, parent?: TransactionHandle): Promise<R> {
    return parent ? this.primary.transaction(fn, parent) : this.write(this.primary.transaction(fn));
  }

  convertError(error: unknown, meta?: ModelMeta): unknown {
    return this.primary.convertError(error, meta);
  }
}
