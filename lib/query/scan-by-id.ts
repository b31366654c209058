import type { Driver, StoredRow, TransactionHandle } from '../drivers/driver';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { and, cmp, type FilterNode } from './filter-ast';

/** Options of {@link scanById}. */
export interface ScanOptions {
  /** Columns to read (the id is always read). Default: every field. */
  readonly fields?: readonly FieldMeta[];
  readonly batchSize: number;
  /** Only rows that match (soft-deleted rows are included: there is no scope here). */
  readonly filter?: FilterNode;
  /** Start after this id (a resumed scan). */
  readonly afterId?: string;
  readonly tx?: TransactionHandle;
}

/**
 * Reads a model's stored rows in id order, a batch at a time, each batch a keyset query after the last id of the
 * one before: memory stays bounded, rows written meanwhile are neither skipped nor read twice, and a scan stopped
 * anywhere can continue from the last id it saw. Key rotation and the migrations' data steps are built on it.
 *
 * @example
 * for await (const rows of scanById(driver, meta, { batchSize: 500 })) console.log(rows.length);
 */
export async function* scanById(driver: Driver, meta: ModelMeta, options: ScanOptions): AsyncGenerator<StoredRow[]> {
  const sort = [{ ref: { field: meta.id, path: [] }, direction: 'asc' as const }];
  const fields = options.fields ? [meta.id, ...options.fields.filter((f) => !f.isId)] : undefined;
  let lastId = options.afterId;
  for (;;) {
    const after = lastId === undefined ? undefined : cmp(meta.id, 'gt', lastId);
    const parts = [after, options.filter].filter((f): f is FilterNode => f !== undefined);
    const filter = parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : and(parts);
    const rows = await driver.find(meta, { filter, sort, limit: options.batchSize, fields }, options.tx);
    if (rows.length === 0) return;
    yield rows;
    lastId = String(rows[rows.length - 1]![meta.id.column]);
    if (rows.length < options.batchSize) return;
  }
}
