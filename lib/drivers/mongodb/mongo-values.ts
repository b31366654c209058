import type { Decimal128, ObjectId } from 'mongodb';
import { QueryError } from '../../errors';
import type { FieldMeta } from '../../metadata/types';
import { loadMongo } from './mongo-module';

/** The key MongoDB stores the primary key under. */
export const MONGO_ID = '_id';

/**
 * Whether an id is 24 lower-case hex digits. Only those are read as an ObjectId, so that every id round-trips to the
 * exact string it was. A loop over char codes: a regular expression cost more than the ObjectId made from the id.
 */
function isObjectIdHex(id: string): boolean {
  if (id.length !== 24) return false;
  for (let i = 0; i < 24; i++) {
    const c = id.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

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
  return isObjectIdHex(id) ? new (loadMongo().ObjectId)(id) : id;
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
