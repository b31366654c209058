import { instanceToPlain, plainToInstance } from 'class-transformer';
import { modelMeta } from '../metadata/model-meta';
import type { ModelMeta } from '../metadata/types';

/** A populated relation's value as plain data: each related instance as its own `toJSON()` shows it. */
function relatedToPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relatedToPlain);
  if (value === null || typeof value !== 'object') return value;
  return toPlain(modelMeta(value.constructor), value);
}

/**
 * Plain data for JSON: class-transformer's `instanceToPlain` (so `@Exclude()` / `@Expose()` apply, and encrypted
 * fields show their mask, e.g. CPF `***.***.*89-09`, unless the field exposes plaintext), dates as ISO strings,
 * populated relations as their own `toJSON()`.
 */
export function toPlain(meta: ModelMeta, instance: object): Record<string, unknown> {
  const plain = instanceToPlain(instance) as Record<string, unknown>;
  const source = instance as Record<string, unknown>;
  for (const field of meta.modelFields) {
    if (field.codec || !Object.prototype.hasOwnProperty.call(plain, field.property)) continue;
    const value = source[field.property];
    if (value instanceof Date) plain[field.property] = value.toISOString();
  }
  for (const property of meta.relations.keys()) {
    if (Object.prototype.hasOwnProperty.call(plain, property)) plain[property] = relatedToPlain(source[property]);
  }
  return plain;
}

/** A new (unsaved) instance from plain data via class-transformer; ISO strings become Dates on date fields. */
export function fromPlain<T>(meta: ModelMeta, ctor: new () => T, data: object): T {
  const instance = plainToInstance(ctor, data) as Record<string, unknown>;
  for (const field of meta.modelFields) {
    const value = instance[field.property];
    if (field.type === 'date' && !field.codec && (typeof value === 'string' || typeof value === 'number')) {
      instance[field.property] = new Date(value);
    }
  }
  return instance as T;
}
