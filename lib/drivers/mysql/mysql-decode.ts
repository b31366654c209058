import type { FieldMeta } from '../../metadata/types';
import type { StoredRow } from '../driver';
import { fastUtcMillis } from '../sql/datetime-text';

/** `YYYY-MM-DD HH:MM:SS[.fff]`, as DATETIME(3) comes back with `dateStrings` (always UTC: essencia writes UTC). */
const DATETIME = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/;

/** A DATETIME's text as the UTC instant it stores; years 1–99 stay themselves (`Date.UTC` would make them 19xx). */
export function parseDatetime(text: string): Date {
  const fast = fastUtcMillis(text, text.length);
  return Number.isNaN(fast) ? parseExactly(text) : new Date(fast);
}

function parseExactly(text: string): Date {
  if (!DATETIME.test(text)) return new Date(Number.NaN);
  const n = (from: number, to: number): number => Number(text.slice(from, to));
  const year = n(0, 4);
  const ms = text.length > 20 ? Math.floor(Number(text.slice(20, 23).padEnd(3, '0'))) : 0;
  const time = Date.UTC(year, n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), n(17, 19), ms);
  if (year >= 100) return new Date(time);
  const date = new Date(time);
  date.setUTCFullYear(year);
  return date;
}

/** DECIMAL(65,30) text without the zeros its scale pads it with: `10.500…0` → `10.5`, `3.000…0` → `3`. */
export function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

type Decode = (value: unknown) => unknown;

const DECODERS: Partial<Record<FieldMeta['type'], Decode>> = {
  boolean: (v) => (typeof v === 'boolean' ? v : Number(v) !== 0),
  json: (v) => (typeof v === 'string' ? JSON.parse(v) : v),
  // Unix milliseconds where the dialect selected them (mysql-select.ts), else DATETIME text.
  date: (v) => (typeof v === 'number' ? new Date(v) : typeof v === 'string' ? parseDatetime(v) : v),
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

/** Stored rows as essencia expects them: booleans from TINYINT, json from its text, dates from milliseconds or DATETIME text, decimals trimmed. */
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
