import type { StoredRow } from '../driver';
import type { SqlResult } from '../sql/sql-client';

/** A postgres.js reply (rows with the affected count on the array) as a SqlResult. */
export const resultOf = (reply: StoredRow[] & { count: number }): SqlResult => ({ rows: reply, count: reply.count });
