import { EncryptionError, EssenciaError, ValidationError, type FieldErrors } from '../errors';
import type { StoredRow } from '../drivers/driver';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import type { CodecContext } from './field-codec';
import { Misfit, storedForm } from './scalar';

type Data = Record<string, unknown>;

function context(meta: ModelMeta, field: FieldMeta, id: string): CodecContext {
  return { model: meta.name, collection: meta.collection, field: field.property, id, nullable: field.nullable };
}

function addError(errors: FieldErrors, property: string, message: string): void {
  (errors[property] ??= []).push(message);
}

/**
 * The stored row for the given fields of an instance: checks types and required fields, runs codecs
 * (encryption) and computes derived values (blind indexes). Throws ValidationError listing every problem;
 * messages never contain a value.
 */
export function encodeFields(meta: ModelMeta, data: Data, id: string, fields: readonly FieldMeta[]): StoredRow {
  const row: StoredRow = {};
  let errors: FieldErrors | undefined;
  for (const field of fields) {
    const raw = field.isId ? id : data[field.property];
    if (raw === undefined || raw === null) {
      if (!field.nullable) addError((errors ??= {}), field.property, `${field.property} is required`);
      row[field.column] = null;
      for (const derived of meta.derivedFields) if (derived.derivedFrom === field.property) row[derived.column] = null;
      continue;
    }
    const codec = field.codec;
    if (!codec) {
      const stored = storedForm(field.type, raw);
      if (stored instanceof Misfit) addError((errors ??= {}), field.property, `${field.property}: ${stored.message}`);
      else row[field.column] = stored;
      continue;
    }
    try {
      const plain = codec.normalize ? codec.normalize(raw) : raw;
      row[field.column] = codec.encode(plain, context(meta, field, id));
      for (const derived of meta.derivedFields) {
        if (derived.derivedFrom === field.property) row[derived.column] = codec.companion!.compute(plain);
      }
    } catch (error) {
      if (error instanceof EssenciaError && !(error instanceof EncryptionError)) throw error;
      throw new EncryptionError(`${meta.name}.${field.property} (id ${id}): the value could not be encoded`, { cause: error });
    }
  }
  if (errors) throw new ValidationError(meta.name, errors);
  return row;
}

/** Decodes one stored value into what the model holds. */
export function decodeValue(meta: ModelMeta, field: FieldMeta, stored: unknown, id: string): unknown {
  if (stored === undefined || stored === null) return null;
  if (field.codec) return field.codec.decode(stored, context(meta, field, id));
  if (field.type === 'date' && !(stored instanceof Date)) return new Date(stored as string);
  return stored;
}
