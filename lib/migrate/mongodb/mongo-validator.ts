import type { Document } from 'mongodb';
import { ENVELOPE_PREFIX } from '../../codec/encryption/envelope';
import type { FieldMeta, FieldType } from '../../metadata/types';
import type { ColumnShape } from '../schema';

/** The type of an encrypted field's key: a string that is an envelope. */
const ENVELOPE = 'envelope';
const ENVELOPE_PATTERN = `^${ENVELOPE_PREFIX}`;

/** BSON types a stored value of each field type may have (the driver writes integral numbers as int32). */
const BSON_TYPES: Record<FieldType, readonly string[] | undefined> = {
  string: ['string'],
  int: ['int', 'long'],
  float: ['double', 'int', 'long'],
  boolean: ['bool'],
  date: ['date'],
  json: undefined,
  decimal: ['decimal'],
};

/**
 * The type of a field's key in the terms introspection reads back from a validator: `int|long`, `any` for json,
 * `envelope` for an encrypted field.
 */
export function bsonTypeOf(field: FieldMeta): string {
  if (field.codec?.isCurrent) return ENVELOPE;
  return (BSON_TYPES[field.type] ?? ['any']).join('|');
}

const typesOf = (column: ColumnShape): string[] | undefined =>
  column.type === 'any' ? undefined : column.type === ENVELOPE ? ['string'] : column.type.split('|');

/**
 * The `$jsonSchema` of a collection's columns: required keys (a null is not stored, so required means present),
 * BSON types (an encrypted field is its envelope: a string with the envelope's prefix). Other keys are allowed.
 *
 * @example
 * jsonSchemaOf([{ name: 'name', type: 'string', nullable: false }]);
 * // { bsonType: 'object', required: ['name'], properties: { name: { bsonType: ['string'] } } }
 */
export function jsonSchemaOf(columns: readonly ColumnShape[]): Document {
  const properties: Document = {};
  for (const column of columns) {
    const types = typesOf(column);
    properties[column.name] = types ? { bsonType: column.nullable ? [...types, 'null'] : types } : {};
    if (column.type === ENVELOPE) properties[column.name].pattern = ENVELOPE_PATTERN;
  }
  const required = columns.filter((c) => !c.nullable).map((c) => c.name);
  return { bsonType: 'object', ...(required.length > 0 && { required }), properties };
}

/** The columns a `$jsonSchema` validator describes (what `jsonSchemaOf` wrote). */
export function columnsOfSchema(schema: Document): ColumnShape[] {
  const required = new Set<string>(Array.isArray(schema['required']) ? (schema['required'] as string[]) : []);
  const properties = (schema['properties'] ?? {}) as Record<string, Document>;
  return Object.entries(properties).map(([name, spec]) => {
    const raw = spec['bsonType'];
    const types = (Array.isArray(raw) ? (raw as string[]) : raw === undefined ? [] : [String(raw)]).filter((t) => t !== 'null');
    const type = spec['pattern'] === ENVELOPE_PATTERN ? ENVELOPE : types.length === 0 ? 'any' : types.join('|');
    return { name, type, nullable: !required.has(name) };
  });
}

/**
 * A filter that matches the documents a validator of `columns` would refuse (a required key missing or null, a key
 * of another type). Built from plain operators, so that it runs where `$jsonSchema` queries do not.
 */
export function violationsFilter(columns: readonly ColumnShape[]): Document {
  const clauses: Document[] = [];
  for (const column of columns) {
    if (!column.nullable) clauses.push({ [column.name]: null });
    const present = { [column.name]: { $exists: true, $ne: null } };
    const types = typesOf(column);
    // A regex matches strings only: a value of another type is a violation too.
    if (column.type === ENVELOPE) clauses.push({ $and: [present, { $nor: [{ [column.name]: { $regex: ENVELOPE_PATTERN } }] }] });
    else if (types) clauses.push({ $and: [present, { $nor: types.map((t) => ({ [column.name]: { $type: t } })) }] });
  }
  return clauses.length === 0 ? { _id: { $exists: false } } : { $or: clauses };
}
