import { ValidationError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';
import type { StoredRow } from '../driver';
import { convertSqlError } from './pg-errors';

/** Bytes above which a text value may not fit a btree index entry (PostgreSQL's limit is about 2.7 kB, after compression). */
const INDEXABLE_BYTES = 2000;

/** Properties of indexed fields (derived ones named by their source) holding a value too long for an index entry. */
function oversizedIndexedFields(meta: ModelMeta, rows: readonly StoredRow[]): string[] {
  const properties = new Set<string>();
  for (const index of meta.indexes) {
    for (const property of index.fields) {
      const field = meta.byProperty.get(property);
      if (!field) continue;
      const long = rows.some((row) => {
        const value = row[field.column];
        return typeof value === 'string' && Buffer.byteLength(value) > INDEXABLE_BYTES;
      });
      if (long) properties.add(field.derivedFrom ?? field.property);
    }
  }
  return [...properties];
}

/**
 * Converts the error of a write of `rows` (an insert's rows, or an update's patch), naming the fields where the
 * server does not: an index entry too large (54000) names the indexed fields holding long values.
 */
export function convertWriteError(error: unknown, meta: ModelMeta, rows: readonly StoredRow[]): unknown {
  if ((error as { code?: unknown } | null)?.code === '54000') {
    const fields = oversizedIndexedFields(meta, rows);
    if (fields.length > 0) {
      const errors = Object.fromEntries(
        fields.map((p) => [p, [`${p} is too long for its index (PostgreSQL indexes values up to about 2.7 kB); shorten it or drop the index`]]),
      );
      return new ValidationError(meta.name, errors, { cause: error });
    }
  }
  return convertSqlError(error, meta);
}
