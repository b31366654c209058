import type { StoredRow } from '../drivers/driver';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { encodeFields } from './row-codec';
import { MAX_DATE_MS, MIN_DATE_MS, Misfit, storedForm } from './scalar';
import { perModel } from '../metadata/per-model';

type Data = Record<string, unknown>;

/** Encodes every model field of an instance (a new row): the same row, and the same errors, as `encodeFields`. */
export type RowEncoder = (data: Data, id: string) => StoredRow;

/**
 * The check of one field without a codec: leaves the stored form in `v`, or returns the general path's answer
 * (which builds the ValidationError) as soon as something is off. Types whose check is not a few comparisons go
 * through `storedForm`.
 */
function check(field: FieldMeta, i: number): string {
  const missing = field.nullable ? 'v = null;' : 'return general(d, id);';
  const misfit = (test: string) => `if (${test}) return general(d, id);`;
  let fits: string;
  switch (field.type) {
    case 'string':
      fits = misfit(`typeof v !== 'string' || v.includes('\\u0000') || !v.isWellFormed()`);
      break;
    case 'int':
      fits = `${misfit('typeof v !== "number" || !Number.isInteger(v) || v < -2147483648 || v > 2147483647')} if (v === 0) v = 0;`;
      break;
    case 'float':
      fits = `${misfit('typeof v !== "number" || !Number.isFinite(v)')} if (v === 0) v = 0;`;
      break;
    case 'boolean':
      fits = misfit(`typeof v !== 'boolean'`);
      break;
    case 'date':
      fits = misfit(`!(v instanceof Date) || !(v.getTime() >= ${MIN_DATE_MS} && v.getTime() <= ${MAX_DATE_MS})`);
      break;
    default:
      fits = `v = storedForm(fields[${i}].type, v); ${misfit('v instanceof Misfit')}`;
  }
  return `v = d[${JSON.stringify(field.property)}]; if (v === undefined || v === null) { ${missing} } else { ${fits} } const v${i} = v;`;
}

/**
 * An encoder specialised for one model without codecs: straight-line checks and one object literal, so a row
 * costs no result object per field and V8 keeps one shape for all rows. Names come from the model's metadata,
 * never from data, and are embedded as JSON literals.
 */
function compile(meta: ModelMeta): RowEncoder {
  const fields = meta.modelFields;
  const general: RowEncoder = (data, id) => encodeFields(meta, data, id, fields);
  if (fields.some((f) => f.codec) || meta.derivedFields.length > 0) return general;
  const lines = fields.map((f, i) => (f.isId ? `const v${i} = id;` : check(f, i)));
  const literal = fields.map((f, i) => `${JSON.stringify(f.column)}: v${i}`).join(', ');
  const body = ['return function encodeRow(d, id) {', '  let v;', ...lines.map((l) => `  ${l}`), `  return { ${literal} };`, '};'].join('\n');
  return new Function('fields', 'general', 'storedForm', 'Misfit', body)(fields, general, storedForm, Misfit) as RowEncoder;
}

/** The row encoder of a model (built on first use). */
export const rowEncoder: (meta: ModelMeta) => RowEncoder = perModel(compile);
