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
  if (value instanceof RegExp) throw new QueryError(`${refName(meta, ref)}: a RegExp is only allowed as a direct value, with $regex or $not`);
}

/**
 * Checks a non-null filter value against the referenced field and returns its stored form. JSON fields and paths
 * take scalars only. The message names model and field, never the value.
 */
export function storedFilterValue(meta: ModelMeta, ref: FieldRef, op: string, value: unknown): unknown {
  assertSingleValue(meta, ref, op, value);
  if (ref.field.type === 'json') {
    if (isJsonScalar(value)) return value;
    throw new QueryError(`${refName(meta, ref)}: ${op} on a json field compares only strings, finite numbers, booleans and null`);
  }
  const checked = checkValue(ref.field.type, value);
  if (!checked.ok) throw new QueryError(`${refName(meta, ref)}: ${op} ${checked.message}`);
  return checked.value;
}

/** Checks a LIKE pattern: a trailing unescaped backslash is an error in PostgreSQL. */
export function checkLikePattern(meta: ModelMeta, ref: FieldRef, op: string, pattern: unknown): string {
  if (typeof pattern !== 'string') throw new QueryError(`${refName(meta, ref)}: ${op} needs a string pattern`);
  let escapes = 0;
  for (let i = pattern.length - 1; i >= 0 && pattern[i] === '\\'; i--) escapes++;
  if (escapes % 2 === 1) throw new QueryError(`${refName(meta, ref)}: a ${op} pattern cannot end with an escape character '\\'`);
  return pattern;
}
