import type { Document } from 'mongodb';
import type { FieldMeta, ModelMeta } from '../../metadata/types';
import type { StoredRow } from '../driver';
import { assertMongoJsonKeys } from './mongo-json-keys';
import { fromMongoValue, fromStoredId, MONGO_ID, toDecimal128, toMongoValue, toStoredId } from './mongo-values';
import { perModel } from '../../metadata/per-model';

/** How an insert writes a non-id field: as it is, as a Decimal128, or as a JSON value checked for unsafe keys. */
type InsertKind = 'plain' | 'decimal' | 'json';

function insertKind(field: FieldMeta): InsertKind {
  return field.type === 'decimal' ? 'decimal' : field.type === 'json' && !field.codec ? 'json' : 'plain';
}

interface InsertStep {
  readonly field: FieldMeta;
  readonly column: string;
  readonly kind: InsertKind;
}

const insertPlan = perModel((meta): readonly InsertStep[] =>
  meta.fields.filter((f) => !f.isId).map((field) => ({ field, column: field.column, kind: insertKind(field) })),
);

/** The general path of an {@link insertDocumentBuilder}, for rows with null or undefined values. */
function insertDocumentOf(meta: ModelMeta, row: StoredRow): Document {
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

type InsertDocumentBuilder = (row: StoredRow) => Document;

/**
 * A builder specialised for one model: a row with every value present becomes one object literal (one allocation
 * of the right size, one shape for all documents); any other row takes the general path. Names come from the
 * model's metadata, never from data, and are embedded as JSON literals.
 */
function compileInsert(meta: ModelMeta): InsertDocumentBuilder {
  const fields = [meta.id, ...meta.fields.filter((f) => !f.isId)];
  const key = JSON.stringify;
  const value = (f: FieldMeta, i: number): string => {
    if (f.isId) return `typeof v${i} === 'string' ? toStoredId(v${i}) : v${i}`;
    const kind = insertKind(f);
    return kind === 'decimal' ? `toDecimal128(fields[${i}], v${i})` : kind === 'json' ? `json(fields[${i}], v${i})` : `v${i}`;
  };
  const body = [
    'return function insertDocument(row) {',
    ...fields.map((f, i) => `  const v${i} = row[${key(f.column)}];`),
    `  if (${fields.map((_, i) => `v${i} === undefined || v${i} === null`).join(' || ')}) return general(row);`,
    `  return { ${fields.map((f, i) => `${key(f.isId ? MONGO_ID : f.column)}: ${value(f, i)}`).join(', ')} };`,
    '};',
  ].join('\n');
  const general = (row: StoredRow): Document => insertDocumentOf(meta, row);
  const json = (field: FieldMeta, v: unknown): unknown => {
    assertMongoJsonKeys(meta, field, v);
    return v;
  };
  return new Function('fields', 'general', 'toStoredId', 'toDecimal128', 'json', body)(fields, general, toStoredId, toDecimal128, json);
}

/**
 * What makes the document to insert for a stored row of a model, keys in field order. Null and undefined fields
 * are left out (absent), so that `$exists` and `null` mean what a null column means on SQL. Taken once per insert,
 * not once per row.
 */
export const insertDocumentBuilder: (meta: ModelMeta) => InsertDocumentBuilder = perModel(compileInsert);

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
  // Key by key: spreads that add keys are a slow path in V8 (about 0.5 µs each).
  const update: Document = {};
  if (set) update.$set = set;
  if (unset) update.$unset = unset;
  return update;
}

type RowReader = (doc: Document) => StoredRow;

/**
 * A reader specialised for one model: one object literal per row, so that V8 keeps one shape for all rows (the
 * hydrator then reads them monomorphically); only BSON objects go through `fromMongoValue`.
 */
function compileReader(meta: ModelMeta): RowReader {
  const key = JSON.stringify;
  const entries = meta.fields.map((f, i) =>
    f.isId
      ? `${key(f.column)}: fromStoredId(doc._id)`
      : `${key(f.column)}: (v = doc[${key(f.column)}]) === undefined || v === null ? null : typeof v !== 'object' || v instanceof Date ? v : fromMongoValue(fields[${i}], v)`,
  );
  const body = ['return function readRow(doc) {', '  let v;', `  return {\n    ${entries.join(',\n    ')}\n  };`, '};'].join('\n');
  return new Function('fields', 'fromStoredId', 'fromMongoValue', body)(meta.fields, fromStoredId, fromMongoValue);
}

const rowReader = perModel(compileReader);

/**
 * The stored row for a document: keyed by column, the id as its string under the id column, absent fields as null.
 * With `fields` (a projection), only those fields and the id are present.
 */
export function fromDocument(meta: ModelMeta, doc: Document, fields: readonly FieldMeta[] = meta.fields): StoredRow {
  if (fields === meta.fields) return rowReader(meta)(doc);
  const row: StoredRow = { [meta.id.column]: fromStoredId(doc[MONGO_ID]) };
  for (const field of fields) {
    if (!field.isId) row[field.column] = fromMongoValue(field, doc[field.column]);
  }
  return row;
}
