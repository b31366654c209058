import type { FieldMeta } from '../../metadata/types';
import type { RowsInsert } from '../sql/dialect';
import { quoteIdent } from './sqlite-quote';

/**
 * Many rows as one single-row INSERT run once per row (SqliteClient.queryEach, all or none). In process, binding
 * seven values to a short prepared statement a thousand times costs less than binding seven thousand to one long
 * statement, and the statement is the one `create` prepares already.
 */
export function sqliteRowsInsert(table: string, fields: readonly FieldMeta[], jsonParam: (value: unknown) => unknown): RowsInsert {
  const columns = fields.map((f) => quoteIdent(f.column)).join(', ');
  const text = `INSERT INTO ${table} (${columns}) VALUES (${fields.map(() => '?').join(', ')})`;
  const width = fields.length;
  const json = fields.map((f) => f.type === 'json');
  return {
    statements(rows) {
      const paramRows = new Array<unknown[]>(rows.length);
      for (let r = 0; r < rows.length; r++) {
        const row = rows[r]!;
        const values = new Array<unknown>(width);
        for (let i = 0; i < width; i++) {
          const value = row[fields[i]!.column];
          values[i] = json[i] && value !== null && value !== undefined ? jsonParam(value) : value;
        }
        paramRows[r] = values;
      }
      return [{ text, params: [], paramRows }];
    },
  };
}
