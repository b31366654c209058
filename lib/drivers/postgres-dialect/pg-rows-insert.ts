import type { FieldMeta } from '../../metadata/types';
import type { RowsInsert } from '../sql/dialect';
import type { Statement } from '../sql/statements';
import { valueType } from './pg-column-types';
import { quoteIdent } from './pg-quote';

/** Rows per statement: keeps the JSON text of one statement far below V8's longest string. */
const ROWS_PER_STATEMENT = 10_000;

/**
 * Many rows as one JSON parameter read by `json_to_recordset`: one prepared statement for any row count, and the
 * client's work is one native `JSON.stringify` instead of serializing a parameter per value (measured against
 * multi-row VALUES and COPY: less client CPU and less server time than either). The stored rows go as they are:
 * dates as ISO text, json values nested, decimals as text, each converted by its column type's input function.
 * Tables declared with Drizzle column types keep multi-row VALUES (a type such as `text[]` reads JSON differently).
 */
export function pgRowsInsert(table: string, fields: readonly FieldMeta[]): RowsInsert | undefined {
  if (fields.some((f) => f.sqlType !== undefined)) return undefined;
  const columns = fields.map((f) => quoteIdent(f.column)).join(', ');
  const record = fields.map((f) => `${quoteIdent(f.column)} ${valueType(f)}`).join(', ');
  // A text parameter: each client binds a string as it is (a json parameter some would serialize again).
  const text = `INSERT INTO ${table} (${columns}) SELECT ${columns} FROM json_to_recordset($1::text::json) AS essencia_rows(${record})`;
  return {
    statements(rows) {
      if (rows.length <= ROWS_PER_STATEMENT) return [{ text, params: [JSON.stringify(rows)] }];
      const out: Statement[] = [];
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        out.push({ text, params: [JSON.stringify(rows.slice(start, start + ROWS_PER_STATEMENT))] });
      }
      return out;
    },
  };
}
