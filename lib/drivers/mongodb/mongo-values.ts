import type { Decimal128, Document, ObjectId } from 'mongodb';
import { QueryError } from '../../errors';
import type { FieldMeta, ModelMeta } from '../../metadata/types';
import type { StoredRow } from '../driver';
import { assertMongoJsonKeys } from './mongo-json-keys';
import { loadMongo } from './mongo-module';

/** The key MongoDB stores the primary key under. */
export const MONGO_ID = '_id';

/** Only lower-case hex is read as an ObjectId, so that every id round-trips to the exact string it was. */
const OBJECT_ID_HEX = /^[0-9a-f]{24}$/;

/** The document key of a field: `_id` for the id, else its column. */
export function keyOf(field: FieldMeta): string {
  return field.isId ? MONGO_ID : field.column;
}

/**
 * The stored form of an id: a 24-digit lower-case hex string becomes an ObjectId, any other string stays a string
 * (user-supplied ids are kept as they are).
 *
 * @example
 * toStoredId('65f1c0ffee0000000000beef'); // ObjectId
 * toStoredId('user-42');                  // 'user-42'
 */
export function toStoredId(id: string): ObjectId | string {
  return OBJECT_ID_HEX.test(id) ? new (loadMongo().ObjectId)(id) : id;
}

/** The string form of a stored `_id` (ObjectId → hex). */
export function fromStoredId(stored: unknown): string {
  if (typeof stored === 'string') return stored;
  if (isBson(stored, 'ObjectId')) return (stored as ObjectId).toHexString();
  return String(stored);
}

function isBson(value: unknown, type: string): boolean {
  return typeof value === 'object' && value !== null && (value as { _bsontype?: string })._bsontype === type;
}

/**
 * A decimal string in plain notation (`1E+3` → `1000`, `1E-7` → `0.0000001`), as SQL numeric prints it.
 *
 * @example
 * plainDecimal('1.50E+2'); // '150'
 */
export function plainDecimal(text: string): string {
  const m = /^([+-]?)(\d+)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(text);
  if (!m) return text;
  const [, sign, int, frac = '', exp] = m;
  const digits = int! + frac;
  const point = int!.length + Number(exp);
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  out = out.replace(/^0+(?=\d)/, '');
  return sign === '-' ? `-${out}` : out;
}

/** A decimal (numeric string, as the codec layer checked it) as a BSON Decimal128. */
export function toDecimal128(field: FieldMeta, value: unknown): Decimal128 {
  if (isBson(value, 'Decimal128')) return value as Decimal128;
  const text = plainDecimal(String(value));
  try {
    return loadMongo().Decimal128.fromString(text);
  } catch (error) {
    throw new QueryError(`${field.property}: the decimal does not fit MongoDB's Decimal128 (34 significant digits)`, { cause: error });
  }
}

/** The BSON form of a non-null stored value of a field (ids and decimals change; everything else is kept). */
export function toMongoValue(field: FieldMeta, value: unknown): unknown {
  if (field.isId) return typeof value === 'string' ? toStoredId(value) : value;
  if (field.type === 'decimal') return toDecimal128(field, value);
  return value;
}

/** The stored form shared code expects from a BSON value: ObjectId → hex, Decimal128 → plain string, null for absent. */
export function fromMongoValue(field: FieldMeta, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || value instanceof Date || Array.isArray(value)) return value;
  switch ((value as { _bsontype?: string })._bsontype) {
    case 'ObjectId':
      return (value as ObjectId).toHexString();
    case 'Decimal128':
      return plainDecimal((value as Decimal128).toString());
    case 'Long':
    case 'Int32':
    case 'Double':
      return Number(value.valueOf());
    default:
      return field.isId ? String(value) : value;
  }
}

/** A non-id field as an insert writes it: kept as it is, as a Decimal128, or a JSON value checked for unsafe keys. */
interface InsertStep {
  readonly field: FieldMeta;
  readonly column: string;
  readonly kind: 'plain' | 'decimal' | 'json';
}

const insertPlans = new WeakMap<ModelMeta, readonly InsertStep[]>();

function insertPlan(meta: ModelMeta): readonly InsertStep[] {
  let plan = insertPlans.get(meta);
  if (!plan) {
    plan = meta.fields
      .filter((f) => !f.isId)
      .map((field) => ({ field, column: field.column, kind: field.type === 'decimal' ? 'decimal' : field.type === 'json' && !field.codec ? 'json' : 'plain' }));
    insertPlans.set(meta, plan);
  }
  return plan;
}

/**
 * The document to insert for a stored row, keys in field order. Null and undefined fields are left out (absent),
 * so that `$exists` and `null` mean what a null column means on SQL. The per-model plan spares each document the
 * per-field type tests.
 */
export function toInsertDocument(meta: ModelMeta, row: StoredRow): Document {
  const doc: Document = {};
  const id = row[meta.id.column];
  if (id !== undefined && id !== null) doc[MONGO_ID] = toMongoValue(meta.id, id);
  for (const { field, column, kind } of insertPlan(meta)) {
    const value = row[column];
    if (value === undefined || value === null) continue;
    if (kind === 'plain') doc[column] = value;
    else if (kind === 'decimal') doc[column] = toDecimal128(field, value);
    else {
      assertMongoJsonKeys(meta, field, value);
      doc[column] = value;
    }
  }
  return doc;
}

/** An update document for a patch: `$set` for values, `$unset` for null / undefined. Undefined when there is nothing to do. */
export function toUpdateDocument(meta: ModelMeta, patch: StoredRow): Document | undefined {
  let set: Document | undefined;
  let unset: Document | undefined;
  for (const field of meta.fields) {
    if (field.isId || !Object.prototype.hasOwnProperty.call(patch, field.column)) continue;
    const value = patch[field.column];
    if (value === undefined || value === null) (unset ??= {})[field.column] = '';
    else {
      assertMongoJsonKeys(meta, field, value);
      (set ??= {})[field.column] = toMongoValue(field, value);
    }
  }
  if (!set && !unset) return undefined;
  return { ...(set && { $set: set }), ...(unset && { $unset: unset }) };
}

/**
 * The stored row for a document: keyed by column, the id as its string under the id column, absent fields as null.
 * With `fields` (a projection), only those fields and the id are present.
 */
export function fromDocument(meta: ModelMeta, doc: Document, fields: readonly FieldMeta[] = meta.fields): StoredRow {
  const row: StoredRow = { [meta.id.column]: fromStoredId(doc[MONGO_ID]) };
  for (const field of fields) {
    if (!field.isId) row[field.column] = fromMongoValue(field, doc[field.column]);
  }
  return row;
}
