import { QueryError } from '../errors';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import type { FieldRef } from './filter-ast';

/**
 * Resolves a filter or sort key to a stored field: a model property (`'email'`, `'id'`), or a dotted path into a
 * `json` field (`'address.city'`). Derived fields (blind indexes) are not addressable. Returns undefined when
 * the key names nothing; throws QueryError when it is dotted but cannot be a JSON path.
 *
 * @example
 * resolveFieldKey(meta, 'address.city'); // { field: <address>, path: ['city'] }
 */
export function resolveFieldKey(meta: ModelMeta, key: string): FieldRef | undefined {
  const direct = modelField(meta, key);
  if (direct) return { field: direct, path: [] };
  const dot = key.indexOf('.');
  if (dot < 0) return undefined;
  const head = key.slice(0, dot);
  const field = modelField(meta, head);
  if (!field) return undefined;
  if (field.codec) throw new QueryError(`${meta.name}.${head}: an encrypted field has no paths to filter or sort on ('${key}')`);
  if (field.type !== 'json') {
    throw new QueryError(`${meta.name}.${head}: dotted paths ('${key}') are only allowed into json fields, and '${head}' is ${field.type}`);
  }
  return { field, path: jsonPath(meta, field, key.slice(dot + 1), key) };
}

/**
 * The segments of a dotted path inside a json field (`'city'`, `'items.code'`), checked: no empty segment, none
 * starting with `$`, no NUL. `key` is the whole key, for messages.
 */
export function jsonPath(meta: ModelMeta, field: FieldMeta, dotted: string, key: string): string[] {
  const path = dotted.split('.');
  for (const segment of path) {
    if (segment.length === 0) throw new QueryError(`${meta.name}: '${key}' has an empty path segment`);
    if (segment.startsWith('$')) throw new QueryError(`${meta.name}: path segments cannot start with '$' ('${key}')`);
    if (segment.includes('\0')) throw new QueryError(`${meta.name}.${field.property}: a path segment cannot hold a NUL character`);
  }
  return path;
}

/** Like {@link resolveFieldKey}, but an unknown key is a QueryError listing the model's fields. */
export function requireFieldKey(meta: ModelMeta, key: string): FieldRef {
  const ref = resolveFieldKey(meta, key);
  if (!ref) throw unknownField(meta, key);
  return ref;
}

/** The QueryError for a key that is not a field of the model. */
export function unknownField(meta: ModelMeta, key: string): QueryError {
  const names = meta.modelFields.map((f) => f.property);
  return new QueryError(`${meta.name}: unknown field '${key}' (fields: ${names.join(', ')})`);
}

/** A model property that users may address (never a derived field). */
function modelField(meta: ModelMeta, property: string): FieldMeta | undefined {
  const field = meta.byProperty.get(property);
  return field && field.derivedFrom === undefined ? field : undefined;
}

/** How a reference reads in messages: `Model.field` or `Model.field.a.b`. */
export function refName(meta: ModelMeta, ref: FieldRef): string {
  return [`${meta.name}.${ref.field.property}`, ...ref.path].join('.');
}
