import { instanceToPlain, plainToInstance } from 'class-transformer';
import type { ModelMeta } from '../metadata/types';

/**
 * Plain data for JSON: class-transformer's `instanceToPlain` (so `@Exclude()` / `@Expose()` apply, and encrypted
 * fields show their mask, e.g. CPF `***.***.*89-09`, unless the field exposes plaintext), dates as ISO strings.
 */
export function toPlain(meta: ModelMeta, instance: object): Record<string, unknown> {
  const plain = instanceToPlain(instance) as Record<string, unknown>;
  const source = instance as Record<string, unknown>;
  for (const field of meta.modelFields) {
    if (field.codec || !Object.prototype.hasOwnProperty.call(plain, field.property)) continue;
    const value = source[field.property];
    if (value instanceof Date) plain[field.property] = value.toISOString();
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
