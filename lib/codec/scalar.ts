import type { FieldMeta, FieldType } from '../metadata/types';

/** The result of checking a value against a field type: the stored form, or why it does not fit. */
export type Checked = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string };

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

const ok = (value: unknown): Checked => ({ ok: true, value });
const fail = (message: string): Checked => ({ ok: false, message });

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a Date';
  return `a ${typeof value}`;
}

/** Whether a value survives JSON storage unchanged (plain data: no functions, bigint, undefined, NaN). */
export function isJsonValue(value: unknown, depth = 0): boolean {
  if (depth > 100) return false;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value);
    case 'object': {
      if (value === null) return true;
      if (Array.isArray(value)) return value.every((v) => isJsonValue(v, depth + 1));
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      return Object.values(value as object).every((v) => isJsonValue(v, depth + 1));
    }
    default:
      return false;
  }
}

/**
 * Checks a non-null value against a field type and returns its stored form. Never casts silently:
 * a string for an `int` field is refused, not parsed.
 */
export function checkValue(type: FieldType, value: unknown): Checked {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? ok(value) : fail(`expected a string, got ${describe(value)}`);
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return fail(`expected an integer, got ${describe(value)}`);
      return value < INT_MIN || value > INT_MAX ? fail('integer out of the 32-bit range') : ok(value);
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? ok(value) : fail(`expected a finite number, got ${describe(value)}`);
    case 'boolean':
      return typeof value === 'boolean' ? ok(value) : fail(`expected a boolean, got ${describe(value)}`);
    case 'date':
      if (!(value instanceof Date)) return fail(`expected a Date, got ${describe(value)}`);
      return Number.isNaN(value.getTime()) ? fail('expected a valid Date, got an invalid one') : ok(value);
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return ok(String(value));
      return typeof value === 'string' && DECIMAL.test(value) ? ok(value) : fail(`expected a decimal number or numeric string`);
    case 'json':
      return isJsonValue(value) ? ok(value) : fail('expected plain JSON data (objects, arrays, strings, finite numbers, booleans, null)');
  }
}

/** Checks a value for a field (null allowed by the caller's rules) and returns its stored form. */
export function checkFieldValue(field: FieldMeta, value: unknown): Checked {
  return checkValue(field.type, value);
}
