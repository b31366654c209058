import type { FieldMeta } from '../../metadata/types';
import type { StoredRow } from '../driver';
import type { RowsInsert } from '../sql/dialect';
import type { Statement } from '../sql/statements';
import { valueType } from './pg-column-types';
import { quoteIdent } from './pg-quote';

/** Rows per statement: keeps the JSON text of one statement far below V8's longest string. */
const ROWS_PER_STATEMENT = 10_000;

/**
 * An instant sent as milliseconds since the epoch (a bigint in the record), back to timestamptz exactly: whole
 * seconds through to_timestamp (exact in float8 for years 0001 to 9999), then the milliseconds as an interval.
 * JSON.stringify writes a number several times faster than it calls a Date's toJSON.
 */
const fromMillis = (c: string): string => `to_timestamp(${c} / 1000) + (${c} % 1000) * interval '1 millisecond'`;

/** The rows with each date as its milliseconds (copies: the caller's rows stay as they are). */
function datesAsMillis(rows: readonly StoredRow[], columns: readonly string[]): StoredRow[] {
  const out = new Array<StoredRow>(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const row = { ...rows[r]! };
    for (const column of columns) {
      const value = row[column];
      if (value instanceof Date) row[column] = value.getTime();
    }
    out[r] = row;
  }
  return out;
}

/**
 * Many rows as one JSON parameter read by `json_to_recordset`: one prepared statement for any row count, and the
 * client's work is one native `JSON.stringify` instead of serializing a parameter per value (measured against
 * multi-row VALUES and COPY: less client CPU and less server time than either). The stored rows go as they are,
 * each converted by its column type's input function (json values nested, decimals as text), dates as milliseconds.
 * Tables declared with Drizzle column types keep multi-row VALUES (a type such as `text[]` reads JSON differently).
 */
export function pgRowsInsert(table: string, fields: readonly FieldMeta[]): RowsInsert | undefined {
  if (fields.some((f) => f.sqlType !== undefined)) return undefined;
  const dates = fields.filter((f) => f.type === 'date').map((f) => f.column);
  const columns = fields.map((f) => quoteIdent(f.column)).join(', ');
  const values = fields.map((f) => (f.type === 'date' ? fromMillis(quoteIdent(f.column)) : quoteIdent(f.column))).join(', ');
  const record = fields.map((f) => `${quoteIdent(f.column)} ${f.type === 'date' ? 'bigint' : valueType(f)}`).join(', ');
  // A text parameter: each client binds a string as it is (a json parameter some would serialize again).
  const text = `INSERT INTO ${table} (${columns}) SELECT ${values} FROM json_to_recordset($1::text::json) AS essencia_rows(${record})`;
  const statement = (rows: readonly StoredRow[]): Statement => ({ text, params: [JSON.stringify(dates.length ? datesAsMillis(rows, dates) : rows)] });
  return {
    statements(rows) {
      if (rows.length <= ROWS_PER_STATEMENT) return [statement(rows)];
      const out: Statement[] = [];
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) out.push(statement(rows.slice(start, start + ROWS_PER_STATEMENT)));
      return out;
    },
  };
}
