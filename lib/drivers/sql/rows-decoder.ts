import type { FieldMeta } from '../../metadata/types';
import type { StoredRow } from '../driver';

/** How one column's value as the client returns it becomes the value essencia stores (never called for null). */
export type ValueDecoder = (value: unknown) => unknown;

/** Decodes, in place, the columns of `fields` that the dialect reads in another form; returns the rows. */
export type DecodeRows = (fields: readonly FieldMeta[], rows: StoredRow[]) => StoredRow[];

const noDecoding = (rows: StoredRow[]): StoredRow[] => rows;

/**
 * A dialect's `decodeRows`: for each field list (a model's fields, or a select's: the same array on every read of
 * it), code compiled once with the column names as constants, so that V8 keeps each load and store monomorphic
 * (a loop over `row[column]` is megamorphic, and cost more than the decoding on single-row reads). Names come
 * from the model's metadata, never from data, and are embedded as JSON literals. A column the statement did not
 * select stays absent; null stays null.
 *
 * @example
 * const decodeRows = rowsDecoder((f) => (f.type === 'boolean' ? (v) => v !== 0 : undefined));
 */
export function rowsDecoder(decoderOf: (field: FieldMeta) => ValueDecoder | undefined): DecodeRows {
  const compiled = new WeakMap<readonly FieldMeta[], (rows: StoredRow[]) => StoredRow[]>();
  const compile = (fields: readonly FieldMeta[]) => {
    const steps = fields.flatMap((field) => {
      const decode = decoderOf(field);
      return decode ? [{ column: JSON.stringify(field.column), decode }] : [];
    });
    if (steps.length === 0) return noDecoding;
    const lines = steps.map(({ column }, i) => `v = r[${column}]; if (v !== null && v !== undefined) r[${column}] = d${i}(v);`);
    const body = ['return function decodeRows(rows) {', '  for (let i = 0; i < rows.length; i++) {', '    const r = rows[i];', '    let v;']
      .concat(lines.map((l) => `    ${l}`), ['  }', '  return rows;', '};'])
      .join('\n');
    return new Function(...steps.map((_, i) => `d${i}`), body)(...steps.map((s) => s.decode)) as (rows: StoredRow[]) => StoredRow[];
  };
  return (fields, rows) => {
    let decode = compiled.get(fields);
    if (!decode) compiled.set(fields, (decode = compile(fields)));
    return decode(rows);
  };
}
