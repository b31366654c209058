import type { FieldMeta } from '../../metadata/types';
import type { StoredRow } from '../driver';

/** DECIMAL(65,30) text without the zeros its scale pads it with: `10.500…0` → `10.5`, `3.000…0` → `3`. */
export function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

type Decode = (value: unknown) => unknown;

const DECODERS: Partial<Record<FieldMeta['type'], Decode>> = {
  boolean: (v) => (typeof v === 'boolean' ? v : Number(v) !== 0),
  json: (v) => (typeof v === 'string' ? JSON.parse(v) : v),
  // Every SELECT reads a date as Unix milliseconds (mysql-select.ts).
  date: (v) => (typeof v === 'number' ? new Date(v) : v),
  decimal: (v) => (typeof v === 'string' ? trimDecimal(v) : v),
};

/** What to decode for a field list: the columns and their decoders, parallel. */
interface DecodePlan {
  readonly columns: string[];
  readonly decoders: Decode[];
}

/** A field list (the model's, or a query's projection) is the same array on every read of it: one plan each. */
const plans = new WeakMap<readonly FieldMeta[], DecodePlan>();

function planOf(fields: readonly FieldMeta[]): DecodePlan {
  let plan = plans.get(fields);
  if (!plan) {
    plan = { columns: [], decoders: [] };
    for (const f of fields) {
      const decoder = DECODERS[f.type];
      if (!decoder) continue;
      plan.columns.push(f.column);
      plan.decoders.push(decoder);
    }
    plans.set(fields, plan);
  }
  return plan;
}

/** Stored rows as essencia expects them: booleans from TINYINT, json from its text, dates from Unix milliseconds, decimals trimmed. */
export function decodeMysqlRows(fields: readonly FieldMeta[], rows: StoredRow[]): StoredRow[] {
  const { columns, decoders } = planOf(fields);
  const n = columns.length;
  if (n === 0) return rows;
  for (const row of rows) {
    for (let i = 0; i < n; i++) {
      const column = columns[i]!;
      const value = row[column];
      // A column the statement did not select stays absent; null stays null.
      if (value !== null && value !== undefined) row[column] = decoders[i]!(value);
    }
  }
  return rows;
}
