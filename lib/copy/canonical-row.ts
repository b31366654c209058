import { createHash } from 'node:crypto';
import type { StoredRow } from '../drivers/driver';
import type { FieldMeta, ModelMeta } from '../metadata/types';

/** A decimal in one spelling: plain notation, no leading or trailing zeros, no negative zero. */
function canonicalDecimal(value: unknown): string {
  let text = String(value).trim();
  const exp = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text);
  if (exp) {
    const [, sign, int = '', frac = '', power] = exp;
    const digits = int + frac;
    const point = int.length + Number(power);
    const padded = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
    text = `${sign}${padded}`;
  }
  const negative = text.startsWith('-');
  let [int = '0', frac = ''] = text.replace(/^[+-]/, '').split('.');
  int = int.replace(/^0+(?=\d)/, '') || '0';
  frac = frac.replace(/0+$/, '');
  const body = frac ? `${int}.${frac}` : int;
  return negative && body !== '0' ? `-${body}` : body;
}

/** JSON values with object keys sorted, dates as ISO strings, bigints as numbers' text. */
function sortedJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortedJson((value as Record<string, unknown>)[key]);
    return out;
  }
  return value;
}

function canonicalValue(field: FieldMeta, value: unknown): unknown {
  if (typeof value === 'string' && field.type === 'json') {
    try {
      return sortedJson(JSON.parse(value));
    } catch {
      return value;
    }
  }
  switch (field.type) {
    case 'date':
      return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
    case 'decimal':
      return canonicalDecimal(value);
    case 'int':
    case 'float':
      return typeof value === 'bigint' ? value.toString() : Number(value);
    default:
      return sortedJson(value);
  }
}

/**
 * The stored row in a form both backends agree on: stable JSON of the model's columns in declaration order, with
 * dates as ISO strings, decimals as canonical strings, JSON keys sorted, and null and absent columns left out.
 */
export function canonicalRow(meta: ModelMeta, row: StoredRow): string {
  const out: Record<string, unknown> = {};
  for (const field of meta.fields) {
    const value = row[field.column];
    if (value === null || value === undefined) continue;
    out[field.column] = canonicalValue(field, value);
  }
  return JSON.stringify(out);
}

/** A 64-bit hash of a row's canonical form; summed modulo 2^64 it gives an order-independent checksum. */
export function rowHash(meta: ModelMeta, row: StoredRow): bigint {
  return createHash('sha256').update(canonicalRow(meta, row)).digest().readBigUInt64BE(0);
}

/** 2^64: checksums are sums of row hashes modulo this. */
export const CHECKSUM_MODULUS = 1n << 64n;
