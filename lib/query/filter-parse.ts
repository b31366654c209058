import { QueryError } from '../errors';
import type { ModelMeta } from '../metadata/types';
import { and, type FieldRef, type FilterNode } from './filter-ast';
import { resolveFieldKey, unknownField } from './filter-field';
import { CODE_OPERATORS, parseCondition } from './filter-operators';
import { isPlainObject } from './filter-values';

export { parseSort } from './filter-sort';

const LOGICAL = ['$and', '$or', '$nor'];
/** The Python original's suffix form: `appointmentDate__gte`. */
const SUFFIX = /^(.+)__(gt|gte|lt|lte|ne|in|nin|like|ilike)$/;

/**
 * Turns a user filter into the validated Filter AST, with values in their stored form. Keys are model
 * properties (or dotted paths into json fields); values are plain values (equality), RegExps or operator
 * objects; `$and`, `$or`, `$nor` combine filters. Anything unknown or ill-typed is a QueryError.
 * Returns undefined for an empty filter.
 *
 * @example
 * parseFilter(modelMeta(Appointment), { status: 'scheduled', appointmentDate__gte: new Date() });
 * parseFilter(modelMeta(Patient), { $or: [{ 'address.city': 'Recife' }, { name: { $ilike: 'jo%' } }] });
 */
export function parseFilter(meta: ModelMeta, input: unknown): FilterNode | undefined {
  if (input === undefined || input === null) return undefined;
  const nodes = parseObject(meta, input, 'the filter');
  return nodes.length === 0 ? undefined : and(nodes);
}

function parseObject(meta: ModelMeta, input: unknown, where: string): FilterNode[] {
  if (!isPlainObject(input)) throw new QueryError(`${meta.name}: ${where} must be a plain object`);
  const nodes: FilterNode[] = [];
  for (const [key, value] of Object.entries(input)) {
    nodes.push(key.startsWith('$') ? parseLogical(meta, key, value) : parseKey(meta, key, value));
  }
  return nodes;
}

function parseLogical(meta: ModelMeta, key: string, value: unknown): FilterNode {
  if (CODE_OPERATORS.includes(key)) throw new QueryError(`${meta.name}: ${key} refused: server-side code is not allowed in filters`);
  if (!LOGICAL.includes(key)) {
    throw new QueryError(`${meta.name}: unknown operator ${key} at the top of a filter (supported: ${LOGICAL.join(' ')}; field operators go inside a field)`);
  }
  if (!Array.isArray(value) || value.length === 0) throw new QueryError(`${meta.name}: ${key} needs a non-empty array of filters`);
  const branches = value.map((f, i) => {
    const nodes = parseObject(meta, f, `each element of ${key} (index ${i})`);
    if (nodes.length === 0) throw new QueryError(`${meta.name}: ${key}[${i}] is an empty filter`);
    return and(nodes);
  });
  if (key === '$and') return and(branches);
  const or: FilterNode = branches.length === 1 ? branches[0]! : { kind: 'or', nodes: branches };
  return key === '$or' ? or : { kind: 'not', node: or };
}

function parseKey(meta: ModelMeta, key: string, value: unknown): FilterNode {
  const exact = meta.byProperty.get(key);
  if (exact && exact.derivedFrom === undefined) return parseCondition(meta, { field: exact, path: [] }, value);
  const suffix = SUFFIX.exec(key);
  if (suffix) {
    const ref = resolveFieldKey(meta, suffix[1]!);
    if (ref) return parseSuffix(meta, ref, suffix[2]!, value);
  }
  const ref = resolveFieldKey(meta, key);
  if (!ref) throw unknownField(meta, key);
  return parseCondition(meta, ref, value);
}

function parseSuffix(meta: ModelMeta, ref: FieldRef, op: string, value: unknown): FilterNode {
  if (isPlainObject(value)) {
    throw new QueryError(`${meta.name}.${ref.field.property}: the __${op} form takes a value, not an object`);
  }
  return parseCondition(meta, ref, { [`$${op}`]: value });
}
