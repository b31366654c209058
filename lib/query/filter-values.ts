import { checkValue } from '../codec/scalar';
import { QueryError } from '../errors';
import type { ModelMeta } from '../metadata/types';
import type { FieldRef } from './filter-ast';
import { refName } from './filter-field';

/** Whether a value is a plain object literal (not a Date, RegExp, array or class instance). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Whether a value is a JSON scalar a path can be compared with (string, finite number, boolean). */
export function isJsonScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

/** Refuses objects and arrays where a single value is expected. */
export function assertSingleValue(meta: ModelMeta, ref: FieldRef, op: string, value: unknown): void {
  if (value === undefined) {
    throw new QueryError(`${refName(meta, ref)}: undefined is not a filter value for ${op} (use null to match missing values, or leave the key out)`);
  }
  if (Array.isArray(value) || isPlainObject(value)) {
    const what = Array.isArray(value) ? 'an array' : 'an object';
    throw new QueryError(
      `${refName(meta, ref)}: ${op} takes a single value, not ${what} (use $in for a list of values, or compare JSON paths such as 'field.key')`,
    );
  }
  if (value instanceof RegExp) throw new QueryError(`${refName(meta, ref)}: a RegExp is only allowed as a direct value, with $regex, $not, $in, $nin or $all`);
}

/**
 * Refuses a string holding a NUL character: PostgreSQL cannot store or compare one, so no backend takes it.
 * The message names the field, never the value.
 */
export function assertNoNul(meta: ModelMeta, ref: FieldRef, op: string, value: unknown): void {
  if (typeof value === 'string' && value.includes('\0')) {
    throw new QueryError(`${refName(meta, ref)}: ${op} got a string with a NUL character (\\u0000), which no backend can store or compare`);
  }
}

/**
 * Checks a non-null filter value against the referenced field and returns its stored form. JSON fields and paths
 * take JSON scalars and arrays of them (compared as a whole, or with an array element that is one); objects are
 * refused, because MongoDB compares them with their key order and PostgreSQL's jsonb keeps none. A float field
 * also takes ±Infinity. The message names model and field, never the value.
 */
export function storedFilterValue(meta: ModelMeta, ref: FieldRef, op: string, value: unknown): unknown {
  if (ref.field.type === 'json') return jsonFilterValue(meta, ref, op, value);
  assertSingleValue(meta, ref, op, value);
  if (ref.field.type === 'float' && (value === Infinity || value === -Infinity)) return value;
  const checked = checkValue(ref.field.type, value);
  if (!checked.ok) throw new QueryError(`${refName(meta, ref)}: ${op} ${checked.message}`);
  assertNoNul(meta, ref, op, checked.value);
  return checked.value;
}

function jsonFilterValue(meta: ModelMeta, ref: FieldRef, op: string, value: unknown): unknown {
  if (Array.isArray(value)) {
    for (const element of value) if (element !== null) jsonFilterValue(meta, ref, `an array element of ${op}`, element);
    return value;
  }
  if (isPlainObject(value)) {
    throw new QueryError(
      `${refName(meta, ref)}: ${op} cannot compare with an object (MongoDB compares objects with their key order, which PostgreSQL's jsonb does not keep): compare each key's path, or use $elemMatch`,
    );
  }
  assertSingleValue(meta, ref, op, value);
  if (!isJsonScalar(value)) throw new QueryError(`${refName(meta, ref)}: ${op} on a json field compares only strings, finite numbers, booleans, null and arrays of them`);
  assertNoNul(meta, ref, op, value);
  return value;
}

/** Checks a LIKE pattern: a trailing unescaped backslash is an error in PostgreSQL. */
export function checkLikePattern(meta: ModelMeta, ref: FieldRef, op: string, pattern: unknown): string {
  if (typeof pattern !== 'string') throw new QueryError(`${refName(meta, ref)}: ${op} needs a string pattern`);
  assertNoNul(meta, ref, op, pattern);
  let escapes = 0;
  for (let i = pattern.length - 1; i >= 0 && pattern[i] === '\\'; i--) escapes++;
  if (escapes % 2 === 1) throw new QueryError(`${refName(meta, ref)}: a ${op} pattern cannot end with an escape character '\\'`);
  return pattern;
}
