import { QueryError } from '../errors';
import type { ModelMeta } from '../metadata/types';
import type { SortSpec } from './filter-ast';
import { requireFieldKey } from './filter-field';
import { isPlainObject } from './filter-values';

type Direction = SortSpec['direction'];

/**
 * Turns a user sort into SortSpecs: `{ field: 'asc' | 'desc' | 1 | -1 }` (key order kept), `'field'` (ascending),
 * or an array of those and of `[field, direction]` tuples. Dotted json paths are allowed; encrypted fields are not.
 *
 * @example
 * parseSort(meta, { appointmentDate: 'desc', id: 1 });
 * parseSort(meta, ['status', ['appointmentDate', 'desc']]);
 */
export function parseSort(meta: ModelMeta, input: unknown): SortSpec[] {
  if (input === undefined || input === null) return [];
  const specs: SortSpec[] = [];
  const push = (key: unknown, dir: unknown): void => {
    if (typeof key !== 'string') throw new QueryError(`${meta.name}: a sort key must be a field name`);
    const ref = requireFieldKey(meta, key);
    if (ref.field.codec) throw new QueryError(`${meta.name}.${ref.field.property}: an encrypted field cannot be sorted on`);
    if (specs.some((s) => s.ref.field === ref.field && s.ref.path.join('\u0000') === ref.path.join('\u0000'))) {
      throw new QueryError(`${meta.name}: '${key}' appears twice in the sort`);
    }
    specs.push({ ref, direction: direction(meta, key, dir) });
  };
  const item = (entry: unknown): void => {
    if (typeof entry === 'string') push(entry, 'asc');
    else if (Array.isArray(entry)) {
      if (entry.length !== 2) throw new QueryError(`${meta.name}: a sort tuple is [field, direction]`);
      push(entry[0], entry[1]);
    } else if (isPlainObject(entry)) {
      for (const [key, dir] of Object.entries(entry)) push(key, dir);
    } else {
      throw new QueryError(`${meta.name}: a sort is a field name, { field: 'asc' | 'desc' }, or an array of those`);
    }
  };
  if (Array.isArray(input) && !(input.length === 2 && typeof input[0] === 'string' && isDirection(input[1]))) {
    input.forEach(item);
  } else {
    item(input);
  }
  return specs;
}

function isDirection(value: unknown): boolean {
  return value === 1 || value === -1 || (typeof value === 'string' && ['asc', 'desc'].includes(value.toLowerCase()));
}

function direction(meta: ModelMeta, key: string, value: unknown): Direction {
  if (value === 1) return 'asc';
  if (value === -1) return 'desc';
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'asc' || lower === 'desc') return lower;
  }
  throw new QueryError(`${meta.name}: the sort direction of '${key}' must be 'asc', 'desc', 1 or -1`);
}
