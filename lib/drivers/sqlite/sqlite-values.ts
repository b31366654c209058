import type { FieldMeta } from '../../metadata/types';
import type { StoredRow } from '../driver';

/**
 * A value as better-sqlite3 binds it. SQLite has no boolean or date type: booleans are stored as 0 / 1 and dates as
 * milliseconds since the epoch (INTEGER), which order as the instants do.
 */
export function toSqlite(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  return value === undefined ? null : value;
}

function decoder(field: FieldMeta): ((value: unknown) => unknown) | undefined {
  switch (field.type) {
    case 'boolean':
      return (v) => v !== 0;
    case 'date':
      return (v) => new Date(v as number);
    case 'json':
      return (v) => JSON.parse(v as string);
    case 'decimal':
      // A decimal column read by a hand-written table may hold a number: essencia's text form is exact.
      return (v) => (typeof v === 'number' ? String(v) : v);
    default:
      return undefined;
  }
}

type Decoders = ReadonlyArray<readonly [column: string, decode: (value: unknown) => unknown]>;

/** Decoders per field list (a model's fields, or a select's), built once. */
const byFields = new WeakMap<readonly FieldMeta[], Decoders>();

function decodersOf(fields: readonly FieldMeta[]): Decoders {
  let decoders = byFields.get(fields);
  if (!decoders) {
    decoders = fields.flatMap((f) => {
      const decode = decoder(f);
      return decode ? [[f.column, decode] as const] : [];
    });
    byFields.set(fields, decoders);
  }
  return decoders;
}

/** Rows read from SQLite as essencia stores them: booleans, Dates and parsed json values. */
export function decodeSqliteRows(fields: readonly FieldMeta[], rows: StoredRow[]): StoredRow[] {
  if (rows.length === 0) return rows;
  const decoders = decodersOf(fields);
  if (decoders.length === 0) return rows;
  for (const row of rows) {
    for (const [column, decode] of decoders) {
      const value = row[column];
      if (value !== null && value !== undefined) row[column] = decode(value);
    }
  }
  return rows;
}
