import type { StoredRow } from '../driver';
import { parseTimestamptz } from '../postgres-dialect/pg-timestamp-text';
import type { PgliteResult } from './pglite-protocol';

const TIMESTAMPTZ_OID = 1184;

/**
 * PGlite's parser option that keeps timestamptz as text. PGlite's own parser (`new Date(text)`) turns year 1 into
 * 2001; the text is parsed exactly on the client's side instead, the same in this thread and behind the worker
 * (a parser function cannot cross to the worker).
 */
export const TIMESTAMPTZ_AS_TEXT = { [TIMESTAMPTZ_OID]: (text: string): string => text };

/**
 * The rows with every timestamptz column parsed exactly; rows without one are returned as they are. Rows are objects,
 * or arrays in select-list order (`rowMode: 'array'`).
 */
export function withExactTimestamps(result: PgliteResult<StoredRow>): StoredRow[] {
  const fields = result.fields ?? [];
  const columns = fields.flatMap((f, i) => (f.dataTypeID === TIMESTAMPTZ_OID ? [Array.isArray(result.rows[0]) ? i : f.name] : []));
  if (!columns.length) return result.rows;
  for (const row of result.rows as Record<string | number, unknown>[]) {
    for (const column of columns) {
      const value = row[column];
      if (typeof value === 'string') row[column] = parseTimestamptz(value);
    }
  }
  return result.rows;
}
