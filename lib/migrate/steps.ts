import type { ColumnShape, IndexShape, TableShape } from './schema';

/**
 * One change that brings a database closer to its models. Steps are neutral: each backend renders them in its own
 * terms (DDL, MongoDB commands, batched data steps).
 */
export type Step =
  | { readonly kind: 'createTable'; readonly model: string; readonly table: TableShape }
  | { readonly kind: 'renameTable'; readonly model: string; readonly from: string; readonly to: string }
  | { readonly kind: 'dropTable'; readonly table: string }
  | { readonly kind: 'addColumn'; readonly model: string; readonly table: string; readonly column: ColumnShape }
  | { readonly kind: 'renameColumn'; readonly model: string; readonly table: string; readonly from: string; readonly to: string }
  | { readonly kind: 'dropColumn'; readonly model: string; readonly table: string; readonly column: ColumnShape }
  | { readonly kind: 'alterType'; readonly model: string; readonly table: string; readonly column: ColumnShape; readonly from: string; readonly wasNullable: boolean }
  | { readonly kind: 'setNotNull'; readonly model: string; readonly table: string; readonly column: ColumnShape }
  | { readonly kind: 'dropNotNull'; readonly model: string; readonly table: string; readonly column: ColumnShape }
  | { readonly kind: 'createIndex'; readonly model: string; readonly table: string; readonly index: IndexShape }
  | { readonly kind: 'dropIndex'; readonly model: string; readonly table: string; readonly index: IndexShape }
  /** The same keys in another order of nulls (`from` as it is, `index` as wanted): dropped and created again. */
  | { readonly kind: 'rebuildIndex'; readonly model: string; readonly table: string; readonly from: IndexShape; readonly index: IndexShape }
  /** The collection's validator must be (re)written from the model (backends that validate documents). */
  | { readonly kind: 'validator'; readonly model: string; readonly table: string; readonly columns: readonly ColumnShape[] }
  /** Rows where a new field is null get the field's default (a batched data step). */
  | { readonly kind: 'backfill'; readonly model: string; readonly table: string; readonly column: string; readonly field: string; readonly value: string | number | boolean }
  /** A field that held plaintext is now encrypted: its values must be encrypted in place (a batched data step). */
  | { readonly kind: 'encryptField'; readonly model: string; readonly table: string; readonly field: string };

/**
 * How a step treats the data: `safe` loses nothing and cannot fail on existing rows; `needs data` cannot be applied
 * until rows are fixed (or is a data step itself); `destructive` throws data away.
 */
export type Safety = 'safe' | 'needs data' | 'destructive';

/** A step with its class and, for `needs data`, how many rows stand in its way. */
export interface PlannedStep {
  readonly step: Step;
  readonly safety: Safety;
  /** Rows that block the step or that it must rewrite (only for `needs data`). */
  readonly offendingRows?: number;
  /** One line a person can read: `add column patients.phone (text, nullable)`. */
  readonly description: string;
}

/** The line that describes a step. */
export function describeStep(step: Step): string {
  switch (step.kind) {
    case 'createTable':
      return `create ${step.table.name} (${step.model})`;
    case 'renameTable':
      return `rename ${step.from} to ${step.to} (${step.model})`;
    case 'dropTable':
      return `drop ${step.table}`;
    case 'addColumn':
      return `add ${step.table}.${step.column.name} (${step.column.type}${step.column.nullable ? ', nullable' : ''})`;
    case 'renameColumn':
      return `rename ${step.table}.${step.from} to ${step.to}`;
    case 'dropColumn':
      return `drop ${step.table}.${step.column.name}`;
    case 'alterType':
      return `change the type of ${step.table}.${step.column.name} from ${step.from} to ${step.column.type}`;
    case 'setNotNull':
      return `make ${step.table}.${step.column.name} required`;
    case 'dropNotNull':
      return `make ${step.table}.${step.column.name} nullable`;
    case 'createIndex':
      return `create ${step.index.unique ? 'unique ' : ''}index ${step.index.name} on ${step.table} (${step.index.columns.join(', ')})`;
    case 'dropIndex':
      return `drop index ${step.index.name} on ${step.table}`;
    case 'rebuildIndex':
      return `rebuild index ${step.index.name} on ${step.table} (${step.index.columns.join(', ')}) with nulls ${step.index.nullsFirst ? 'first' : 'last'}, the order essencia sorts by`;
    case 'validator':
      return `write the validator of ${step.table} from ${step.model}`;
    case 'backfill':
      return `backfill ${step.table}.${step.column} with the default of ${step.model}.${step.field}`;
    case 'encryptField':
      return `encrypt the plaintext values of ${step.model}.${step.field} (${step.table})`;
  }
}

/** Whether a step throws data away. */
export function isDestructive(step: Step): boolean {
  return step.kind === 'dropTable' || step.kind === 'dropColumn' || step.kind === 'dropIndex';
}
