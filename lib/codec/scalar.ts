import type { FieldType } from '../metadata/types';

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

/** The earliest and latest instants every backend stores and reads back exactly: years 0001 to 9999 (UTC). */
export const MIN_DATE_MS = -62135596800000;
export const MAX_DATE_MS = 253402300799999;

/** JSON nested deeper than this is refused (a stack-safe bound well past any real document). */
const MAX_JSON_DEPTH = 100;

/** `String.prototype.isWellFormed` (Node 20+; not in the ES2022 typings): false when a lone UTF-16 surrogate is in it. */
const isWellFormed = (value: string): boolean => (value as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * Why a string cannot be stored as it is on every backend, or undefined. PostgreSQL refuses NUL in text and
 * jsonb, so the portable rule refuses it everywhere; a lone UTF-16 surrogate would come back as U+FFFD.
 */
export function stringProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'contains a NUL character (\\u0000), which PostgreSQL cannot store';
  if (!isWellFormed(value)) return 'contains a lone UTF-16 surrogate (not valid Unicode)';
  return undefined;
}

/** Why a date cannot be stored exactly on every backend, or undefined. */
export function dateProblem(value: Date): string | undefined {
  const time = value.getTime();
  if (Number.isNaN(time)) return 'expected a valid Date, got an invalid one';
  if (time < MIN_DATE_MS || time > MAX_DATE_MS) return 'the date is outside the years 0001 to 9999 (UTC) that every backend stores';
  return undefined;
}

/**
 * Why a value does not survive JSON storage unchanged on every backend, or undefined: only plain data (no
 * functions, bigint, undefined, NaN, class instances), no NUL in strings or keys, at most 100 levels deep.
 */
export function jsonProblem(value: unknown, depth = 0): string | undefined {
  if (depth > MAX_JSON_DEPTH) return `is nested deeper than ${MAX_JSON_DEPTH} levels`;
  switch (typeof value) {
    case 'string':
      return stringProblem(value);
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : 'holds a number that is not finite';
    case 'object': {
      if (value === null) return undefined;
      if (Array.isArray(value)) {
        for (const item of value) {
          const problem = jsonProblem(item, depth + 1);
          if (problem) return problem;
        }
        return undefined;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return 'holds an object that is not plain data (a Date or a class instance)';
      for (const [key, item] of Object.entries(value as object)) {
        const keyProblem = stringProblem(key);
        if (keyProblem) return `has a key that ${keyProblem}`;
        const problem = jsonProblem(item, depth + 1);
        if (problem) return problem;
      }
      return undefined;
    }
    default:
      return `holds ${describe(value)}`;
  }
}

/** Whether a value survives JSON storage unchanged (see {@link jsonProblem}). */
export function isJsonValue(value: unknown): boolean {
  return jsonProblem(value) === undefined;
}

/** Why a value does not fit its field type (what {@link storedForm} returns instead of a stored form). */
export class Misfit {
  constructor(readonly message: string) {}
}

/**
 * The stored form of a non-null value for a field type, or a {@link Misfit} saying why it does not fit; nothing is
 * allocated for a value that fits (this runs for every field of every row written). Never casts silently: a string
 * for an `int` field is refused, not parsed.
 */
export function storedForm(type: FieldType, value: unknown): unknown {
  switch (type) {
    case 'string': {
      if (typeof value !== 'string') return new Misfit(`expected a string, got ${describe(value)}`);
      const problem = stringProblem(value);
      return problem ? new Misfit(problem) : value;
    }
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) return new Misfit(`expected an integer, got ${describe(value)}`);
      return value < INT_MIN || value > INT_MAX ? new Misfit('integer out of the 32-bit range') : value === 0 ? 0 : value;
    case 'float':
      // -0 is stored as 0: PostgreSQL's text protocol and JSON drop the sign, MongoDB would keep it.
      return typeof value === 'number' && Number.isFinite(value) ? (value === 0 ? 0 : value) : new Misfit(`expected a finite number, got ${describe(value)}`);
    case 'boolean':
      return typeof value === 'boolean' ? value : new Misfit(`expected a boolean, got ${describe(value)}`);
    case 'date': {
      if (!(value instanceof Date)) return new Misfit(`expected a Date, got ${describe(value)}`);
      const problem = dateProblem(value);
      return problem ? new Misfit(problem) : value;
    }
    case 'decimal':
      if (typeof value === 'number' && Number.isFinite(value)) return String(value);
      return typeof value === 'string' && DECIMAL.test(value) ? value : new Misfit(`expected a decimal number or numeric string`);
    case 'json': {
      const problem = jsonProblem(value);
      return problem ? new Misfit(`expected plain JSON data (objects, arrays, strings, finite numbers, booleans, null): it ${problem}`) : value;
    }
  }
}

/** Checks a non-null value against a field type: its stored form, or why it does not fit (see {@link storedForm}). */
export function checkValue(type: FieldType, value: unknown): Checked {
  const stored = storedForm(type, value);
  return stored instanceof Misfit ? fail(stored.message) : ok(stored);
}
