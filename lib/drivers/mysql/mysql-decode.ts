import type { FieldMeta } from '../../metadata/types';
import { rowsDecoder, type ValueDecoder } from '../sql/rows-decoder';

/** DECIMAL(65,30) text without the zeros its scale pads it with: `10.500…0` → `10.5`, `3.000…0` → `3`. */
export function trimDecimal(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

const DECODERS: Partial<Record<FieldMeta['type'], ValueDecoder>> = {
  boolean: (v) => (typeof v === 'boolean' ? v : Number(v) !== 0),
  json: (v) => (typeof v === 'string' ? JSON.parse(v) : v),
  // Every SELECT reads a date as Unix milliseconds (mysql-select.ts).
  date: (v) => (typeof v === 'number' ? new Date(v) : v),
  decimal: (v) => (typeof v === 'string' ? trimDecimal(v) : v),
};

/** Stored rows as essencia expects them: booleans from TINYINT, json from its text, dates from Unix milliseconds, decimals trimmed. */
export const decodeMysqlRows = rowsDecoder((field) => DECODERS[field.type]);
