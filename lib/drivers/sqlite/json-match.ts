import { compiledRegex } from './regex-js';
import type { JsonProgram } from './json-program';
import { compareText } from './text-order';

/** What a path reaches where there is no value (a missing key, or a step into a scalar or null). */
export const ABSENT: unique symbol = Symbol('absent');
type Reached = unknown;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const POSITION = /^\d{1,9}$/;

/**
 * The values a path reaches under MongoDB's rules (see FilterNode): an object step takes the key, an array step takes
 * the key of each element that is an object, and an all-digits key also takes that position of an array.
 */
function reach(root: Reached, path: readonly string[]): Reached[] {
  let values: Reached[] = [root];
  for (const key of path) {
    const next: Reached[] = [];
    for (const v of values) {
      if (Array.isArray(v)) {
        for (const e of v) if (isObject(e)) next.push(Object.hasOwn(e, key) ? e[key] : ABSENT);
        if (POSITION.test(key) && Number(key) < v.length) next.push(v[Number(key)]);
      } else {
        next.push(isObject(v) && Object.hasOwn(v, key) ? v[key] : ABSENT);
      }
    }
    values = next;
  }
  return values;
}

/** JSON equality as PostgreSQL's jsonb has it: objects by their keys in any order, arrays in order. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** Compares a value with an operand of the same JSON type (strings by code points, as UTF-8 bytes compare), else undefined. */
function compare(v: Reached, operand: unknown): number | undefined {
  if (typeof operand === 'string') return typeof v === 'string' ? compareText(v, operand) : undefined;
  if (typeof operand === 'number') return typeof v === 'number' ? v - operand : undefined;
  if (typeof operand === 'boolean') return typeof v === 'boolean' ? Number(v) - Number(operand) : undefined;
  return undefined;
}

const isNullish = (v: Reached): boolean => v === ABSENT || v === null;

function matchCmp(program: Extract<JsonProgram, { k: 'cmp' }>, root: Reached, element: boolean): boolean {
  const { p, op, v } = program;
  const values = (expand: boolean): Reached[] => {
    const reached = reach(root, p);
    if (!expand || (element && p.length === 0)) return reached;
    return reached.flatMap((x) => (Array.isArray(x) ? [x, ...x] : [x]));
  };
  switch (op) {
    case 'eq':
    case 'ne': {
      const found = values(true).some((x) => (v === null ? isNullish(x) : x !== ABSENT && jsonEqual(x, v)));
      return op === 'eq' ? found : !found;
    }
    case 'in':
    case 'nin': {
      const list = v as unknown[];
      const found = values(true).some((x) => (x !== ABSENT && list.some((e) => e !== null && jsonEqual(x, e))) || (isNullish(x) && list.includes(null)));
      return op === 'in' ? found : !found;
    }
    case 'exists': {
      const found = values(false).some((x) => x !== ABSENT);
      return v ? found : !found;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return values(true).some((x) => {
        const c = compare(x, v);
        if (c === undefined) return false;
        return op === 'gt' ? c > 0 : op === 'gte' ? c >= 0 : op === 'lt' ? c < 0 : c <= 0;
      });
    case 'like':
    case 'ilike':
    case 'regex': {
      const re = compiledRegex(program.re!);
      return values(true).some((x) => typeof x === 'string' && re.test(x));
    }
    case 'size':
      return values(false).some((x) => Array.isArray(x) && x.length === v);
  }
}

/**
 * Evaluates a {@link JsonProgram} on a json value (`root`; {@link ABSENT} for SQL NULL). `element`: `root` is one
 * element of an array inside a value-form `$elemMatch`, compared whole rather than expanded into its own elements.
 *
 * @example
 * matchJson({ k: 'cmp', p: ['tags'], op: 'eq', v: 'x' }, { tags: ['x', 'y'] }); // true
 */
export function matchJson(program: JsonProgram, root: Reached, element = false): boolean {
  switch (program.k) {
    case 'and':
      return program.n.every((n) => matchJson(n, root, element));
    case 'or':
      return program.n.some((n) => matchJson(n, root, element));
    case 'not':
      return !matchJson(program.n, root, element);
    case 'cmp':
      return matchCmp(program, root, element);
    case 'em':
      return reach(root, program.p).some(
        (a) => Array.isArray(a) && a.some((e) => (!program.doc || isObject(e)) && matchJson(program.f, e, !program.doc)),
      );
  }
}
