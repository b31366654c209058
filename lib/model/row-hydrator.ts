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

/** Whether `property` is a getter or setter somewhere on the prototype chain (an assignment would call it). */
function isAccessor(proto: object | null, property: string): boolean {
  for (let p = proto; p !== null && p !== Object.prototype; p = Object.getPrototypeOf(p) as object | null) {
    const descriptor = Object.getOwnPropertyDescriptor(p, property);
    if (descriptor) return descriptor.get !== undefined || descriptor.set !== undefined;
  }
  return false;
}

/**
 * A constructor that makes an empty instance of the model with every field, and the state, already in place, named
 * after the model (heap snapshots show it). V8 keeps the properties of objects built by a constructor inside the
 * object; `Object.create(prototype)` plus the same stores grows a separate property store on the way (measured:
 * about 20 against 55 ns and 40–80 bytes less per instance of seven fields). It runs none of the model's code.
 */
function blankInstance(meta: ModelMeta): new () => object {
  const stores = meta.modelFields.map((f) => `this[${JSON.stringify(f.property)}] = void 0;`).join(' ');
  const make = (name: string) =>
    new Function('essenciaState$', `return function ${name}() { ${stores} this[essenciaState$] = void 0; };`)(STATE) as new () => object;
  let Blank: new () => object;
  try {
    Blank = make(/^[A-Za-z_$][\w$]*$/.test(meta.ctor.name) ? meta.ctor.name : 'Hydrated');
  } catch {
    Blank = make('Hydrated'); // a reserved word
  }
  Blank.prototype = meta.ctor.prototype as object;
  return Blank;
}

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
  const proto = meta.ctor.prototype as object;
  // A setter of a field would run twice (with undefined first), so such a model keeps Object.create.
  const blank = fields.some((f) => isAccessor(proto, f.property)) ? undefined : blankInstance(meta);
  const body = [
    'return function hydrateRow(row) {',
    `  const id = row[${key(meta.id.column)}];`,
    blank ? '  const o = new Blank();' : '  const o = Object.create(proto);',
    `  const s = new Array(${fields.length});`,
    '  let v;',
    ...lines.map((l) => `  ${l}`),
    '  o[STATE] = { persisted: true, partial: false, snapshot: s };',
    '  return o;',
    '};',
  ].join('\n');
  const decode = (field: FieldMeta, stored: unknown, id: string): unknown => decodeValue(meta, field, stored, id);
  return new Function('proto', 'Blank', 'fields', 'decode', 'comparable', 'STATE', body)(proto, blank, fields, decode, comparable, STATE);
}

/** The compiled hydrator of a model (built on first use). */
export const rowHydrator: (meta: ModelMeta) => RowHydrator = perModel(compile);
