import { ValidationError } from '../../errors';
import type { FieldMeta, ModelMeta } from '../../metadata/types';

/** A key MongoDB cannot store or query as it is: a dot reads as a path, a leading `$` as an operator. */
const UNSAFE_KEY = /^\$|\./;

function hasUnsafeKey(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (Array.isArray(value)) return value.some(hasUnsafeKey);
  for (const [key, item] of Object.entries(value)) if (UNSAFE_KEY.test(key) || hasUnsafeKey(item)) return true;
  return false;
}

/**
 * Refuses a JSON value whose keys MongoDB reads as paths or operators (`a.b`, `$where`), with a ValidationError
 * naming the field, before anything is sent. SQL backends store such keys; MongoDB would refuse or misread them.
 */
export function assertMongoJsonKeys(meta: ModelMeta, field: FieldMeta, value: unknown): void {
  if (field.type !== 'json' || field.codec || !hasUnsafeKey(value)) return;
  throw new ValidationError(meta.name, {
    [field.property]: [`${field.property}: MongoDB cannot store a JSON key that contains '.' or starts with '$'`],
  });
}
