import type { StoredRow } from '../driver';

/** Makes rows read as arrays (in select-list order) into objects keyed by column name. */
export type RowObjects = (arrays: readonly unknown[][]) => StoredRow[];

/** Compiled functions kept per select list (a cursor's batches and many statements share one). */
const CACHED = 500;
const compiled = new Map<string, RowObjects>();

/**
 * The function that makes rows of this select list into objects, or undefined when arrays cannot stand for them
 * (a name repeated, or `__proto__`, which a literal would take for the prototype). better-sqlite3 builds each row
 * object with generic property sets; an object literal of constant keys, compiled once per select list, costs
 * about half as much. The names are embedded as JSON literals.
 */
export function rowObjects(columns: readonly string[]): RowObjects | undefined {
  if (columns.includes('__proto__') || new Set(columns).size !== columns.length) return undefined;
  const key = JSON.stringify(columns);
  let make = compiled.get(key);
  if (!make) {
    const fields = columns.map((name, i) => `${JSON.stringify(name)}: a[${i}]`).join(', ');
    const body = [
      'return function rowObjects(arrays) {',
      '  const rows = new Array(arrays.length);',
      '  for (let i = 0; i < arrays.length; i++) {',
      '    const a = arrays[i];',
      `    rows[i] = { ${fields} };`,
      '  }',
      '  return rows;',
      '};',
    ].join('\n');
    make = new Function(body)() as RowObjects;
    if (compiled.size >= CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(key, make);
  }
  return make;
}
