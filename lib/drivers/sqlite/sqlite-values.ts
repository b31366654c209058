import type { FieldMeta } from '../../metadata/types';
import { rowsDecoder, type ValueDecoder } from '../sql/rows-decoder';

/**
 * A value as better-sqlite3 binds it. SQLite has no boolean or date type: booleans are stored as 0 / 1 and dates as
 * milliseconds since the epoch (INTEGER), which order as the instants do.
 */
export function toSqlite(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.getTime();
  return value === undefined ? null : value;
}

function decoder(field: FieldMeta): ValueDecoder | undefined {
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

/** Rows read from SQLite as essencia stores them: booleans, Dates and parsed json values. */
export const decodeSqliteRows = rowsDecoder(decoder);
