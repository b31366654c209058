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

function decode(field: FieldMeta, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  switch (field.type) {
    case 'boolean':
      return typeof value === 'boolean' ? value : Number(value) !== 0;
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'date':
      return typeof value === 'string' ? parseDatetime(value) : value;
    case 'decimal':
      return typeof value === 'string' ? trimDecimal(value) : value;
    default:
      return value;
  }
}

const NEEDS_DECODING = new Set(['boolean', 'json', 'date', 'decimal']);

/** Stored rows as essencia expects them: booleans from TINYINT, json from its text, dates from DATETIME text, decimals trimmed. */
export function decodeMysqlRows(fields: readonly FieldMeta[], rows: StoredRow[]): StoredRow[] {
  const decoded = fields.filter((f) => NEEDS_DECODING.has(f.type));
  if (decoded.length === 0) return rows;
  for (const row of rows) for (const f of decoded) if (f.column in row) row[f.column] = decode(f, row[f.column]);
  return rows;
}
