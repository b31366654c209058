import type { TransactionHandle } from '../drivers/driver';
import type { ModelMeta } from '../metadata/types';
import type { SchemaShape, TableShape } from './schema';
import type { Step } from './steps';

/** A migration file as read from disk. */
export interface MigrationFile {
  /** File name without extension: `0002_add_patients_phone`. */
  readonly name: string;
  readonly extension: '.sql' | '.js';
  readonly path: string;
  readonly text: string;
  /** sha256 of the text, hex. */
  readonly checksum: string;
}

/**
 * The names a step's table and columns have in the live database before the plan runs (a step speaks in the
 * model's names; renames earlier in the plan change them). Undefined: it does not exist yet.
 */
export interface LiveNames {
  readonly table: string | undefined;
  column(name: string): string | undefined;
}

/** What a rendered file holds. */
export interface RenderedFile {
  readonly extension: '.sql' | '.js';
  readonly text: string;
}

/**
 * The migration seam of one backend: reads the live schema, states a model's schema in the same terms, counts the
 * rows that stand in a step's way, renders steps as a file, and applies files under a lock. A new backend is a new
 * folder that implements this and returns it from its driver's `migrationBackend()`.
 */
export interface MigrationBackend {
  /** DDL runs inside a transaction: a file is applied whole or not at all. */
  readonly transactionalDdl: boolean;
  /** The backend validates documents with a validator written from the model (the `validator` step). */
  readonly validators: boolean;
  /** The live schema (every table / collection, except essencia's own bookkeeping ones). */
  introspect(): Promise<SchemaShape>;
  /** The table a model asks for, in the terms `introspect` uses. */
  desiredTable(meta: ModelMeta): TableShape;
  /** How many rows stand in the way of a step (nulls, duplicates, values to convert); 0 when none. */
  countOffending(step: Step, live: LiveNames): Promise<number>;
  /** Why this backend cannot write a step, if it cannot (`generate` leaves it out and says so). */
  unsupported?(step: Step): string | undefined;
  /** The text of a migration file for `steps` (its `down` part undoes what can be undone). */
  render(steps: readonly Step[], models: ReadonlyMap<string, ModelMeta>): RenderedFile;
  /**
   * Runs `fn` holding the migration lock of this database (waiting for another process that holds it). On
   * backends with transactional DDL `fn` gets the transaction every statement and the journal write must use.
   */
  withLock<R>(fn: (tx: TransactionHandle | undefined) => Promise<R>): Promise<R>;
  /** Runs one SQL statement of a `.sql` file (backends without SQL leave it out: their files are `.js` modules). */
  runStatement?(text: string, tx: TransactionHandle | undefined): Promise<void>;
  /** What a `.js` migration's context holds besides the shared helpers (`sql()` on SQL backends, `mongo` on MongoDB). */
  scriptContext(tx: TransactionHandle | undefined): Promise<Record<string, unknown>>;
}
