import type { FieldMeta } from '../../metadata/types';
import type { StoredRow } from '../driver';

/** `YYYY-MM-DD HH:MM:SS[.fff]`, as DATETIME(3) comes back with `dateStrings` (always UTC: essencia writes UTC). */
const DATETIME = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?$/;

/** A DATETIME's text as the UTC instant it stores; years 1–99 stay themselves (`Date.UTC` would make them 19xx). */
export function parseDatetime(text: string): Date {
  const m = DATETIME.exec(text);
  if (!m) return new Date(Number.NaN);
  const [, y, mo, d, h, mi, s, fraction = ''] = m;
  const date = new Date(0);
  date.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  date.setUTCHours(Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0').slice(0, 3)));
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
