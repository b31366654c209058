import { decodeValue } from '../codec/row-codec';
import type { StoredRow } from '../drivers/driver';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { comparable, STATE } from './instance-state';
import { perModel } from '../metadata/per-model';

/** Builds one whole instance (with its snapshot) from one stored row. */
export type RowHydrator = (row: StoredRow) => object;

/** Scalars that are stored as the model holds them (no decoding, comparable as they are). */
const isPlain = (field: FieldMeta): boolean => !field.codec && field.type !== 'date' && field.type !== 'json';

/** Dates without a codec: decoded and made comparable inline (as `decodeValue` and `comparable` would), no call per row. */
const isPlainDate = (field: FieldMeta): boolean => !field.codec && field.type === 'date';

/**
 * A hydrator specialised for one model: straight-line code with constant property names, so that V8 keeps
 * each store monomorphic (a loop over `instance[field.property]` is megamorphic and about twice as slow on
 * large reads). Names come from the model's metadata, never from data, and are embedded as JSON literals.
 */
function compile(meta: ModelMeta): RowHydrator {
  const fields = meta.modelFields;
  const key = JSON.stringify;
  const lines = fields.map((f, i) => {
    const read = `row[${key(f.column)}]`;
    if (f.isId) return `o[${key(f.property)}] = id; s[${i}] = id;`;
    if (isPlain(f)) return `v = ${read}; if (v === undefined) v = null; o[${key(f.property)}] = v; s[${i}] = v;`;
    if (isPlainDate(f)) {
      return `v = ${read}; if (v === undefined || v === null) { v = null; s[${i}] = null; } else { if (!(v instanceof Date)) v = new Date(v); s[${i}] = v.getTime(); } o[${key(f.property)}] = v;`;
    }
    return `v = decode(fields[${i}], ${read}, id); o[${key(f.property)}] = v; s[${i}] = comparable(v);`;
  });
  const body = [
    'return function hydrateRow(row) {',
    `  const id = row[${key(meta.id.column)}];`,
    '  const o = Object.create(proto);',
    `  const s = new Array(${fields.length});`,
    '  let v;',
    ...lines.map((l) => `  ${l}`),
    '  o[STATE] = { persisted: true, partial: false, snapshot: s };',
    '  return o;',
    '};',
  ].join('\n');
  const decode = (field: FieldMeta, stored: unknown, id: string): unknown => decodeValue(meta, field, stored, id);
  return new Function('proto', 'fields', 'decode', 'comparable', 'STATE', body)(meta.ctor.prototype, fields, decode, comparable, STATE);
}

/** The compiled hydrator of a model (built on first use). */
export const rowHydrator: (meta: ModelMeta) => RowHydrator = perModel(compile);
