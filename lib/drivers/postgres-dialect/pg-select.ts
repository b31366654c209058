import type { FieldMeta } from '../../metadata/types';
import type { StoredRow } from '../driver';

/**
 * A timestamptz column read as Unix milliseconds (a float8: whole milliseconds are exact far below 2^53) instead of
 * its text, which the client would scan again field by field (about 0.6 µs of client CPU a value in the bench, for
 * about 0.1 µs more of the server's). A value on a whole millisecond (every value essencia writes) is rounded from
 * `date_part('epoch')`, a double within far less than half a millisecond of it; any other goes through `extract`,
 * exact (numeric since PostgreSQL 14) but several times dearer, and is truncated toward the past as the text parser
 * did. `infinity` reads as an Invalid Date, as before. Named as the column: ORDER BY qualifies the column with its
 * table (pg-order-by.ts), since a bare name would sort by this expression and miss its index.
 *
 * @example
 * pgSelectItem(createdAt, '"created_at"');
 */
export function pgSelectItem(field: FieldMeta, column: string): string | undefined {
  if (field.type !== 'date') return undefined;
  return (
    `CASE WHEN date_part('microseconds', ${column})::int8 % 1000 = 0 THEN round(date_part('epoch', ${column}) * 1000) ` +
    `ELSE floor(extract(epoch from ${column}) * 1000)::float8 END AS ${column}`
  );
}

/** The date columns of a field list (the model's, or a query's projection: the same array on every read of it). */
const dateColumns = new WeakMap<readonly FieldMeta[], string[]>();

function dateColumnsOf(fields: readonly FieldMeta[]): string[] {
  let columns = dateColumns.get(fields);
  if (!columns) dateColumns.set(fields, (columns = fields.filter((f) => f.type === 'date').map((f) => f.column)));
  return columns;
}

/** Stored rows as essencia expects them: the dates {@link pgSelectItem} read as milliseconds become Dates. */
export function decodePgRows(fields: readonly FieldMeta[], rows: StoredRow[]): StoredRow[] {
  const columns = dateColumnsOf(fields);
  if (columns.length === 0) return rows;
  for (const row of rows) {
    for (const column of columns) {
      const value = row[column];
      if (typeof value === 'number') row[column] = new Date(value);
    }
  }
  return rows;
}
