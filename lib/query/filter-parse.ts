import { QueryError } from '../errors';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { and, type FieldRef, type FilterNode } from './filter-ast';
import { jsonPath, resolveFieldKey, unknownField } from './filter-field';
import { CODE_OPERATORS, parseCondition, type ElementParser } from './filter-operators';
import { isPlainObject } from './filter-values';

export { parseSort } from './filter-sort';

const LOGICAL = ['$and', '$or', '$nor'];
/** The Python original's suffix form: `appointmentDate__gte`. */
const SUFFIX = /^(.+)__(gt|gte|lt|lte|ne|in|nin|like|ilike)$/;

/** Turns a key of a filter document into a field reference (undefined: no such field). */
type KeyResolver = (key: string) => FieldRef | undefined;

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
  const nodes = parseObject(meta, input, 'the filter', (key) => resolveFieldKey(meta, key));
  return nodes.length === 0 ? undefined : and(nodes);
}

/**
 * The document form of `$elemMatch`: a filter whose keys are paths inside one element of the json array at `ref`.
 * The refs it returns name the same json field, with paths relative to the element.
 */
const parseElement: ElementParser = (meta: ModelMeta, field: FieldMeta, input: unknown): FilterNode => {
  const nodes = parseObject(meta, input, '$elemMatch', (key) => ({ field, path: jsonPath(meta, field, key, key) }));
  if (nodes.length === 0) throw new QueryError(`${meta.name}.${field.property}: $elemMatch needs a condition`);
  return and(nodes);
};

function parseObject(meta: ModelMeta, input: unknown, where: string, resolve: KeyResolver): FilterNode[] {
  if (!isPlainObject(input)) throw new QueryError(`${meta.name}: ${where} must be a plain object`);
  const nodes: FilterNode[] = [];
  for (const key of Object.keys(input)) {
    const value = input[key];
    nodes.push(key.startsWith('$') ? parseLogical(meta, key, value, resolve) : parseKey(meta, key, value, resolve));
  }
  return nodes;
}

function parseLogical(meta: ModelMeta, key: string, value: unknown, resolve: KeyResolver): FilterNode {
  if (CODE_OPERATORS.has(key)) throw new QueryError(`${meta.name}: ${key} refused: server-side code is not allowed in filters`);
  if (!LOGICAL.includes(key)) {
    throw new QueryError(`${meta.name}: unknown operator ${key} at the top of a filter (supported: ${LOGICAL.join(' ')}; field operators go inside a field)`);
  }
  if (!Array.isArray(value) || value.length === 0) throw new QueryError(`${meta.name}: ${key} needs a non-empty array of filters`);
  const branches = value.map((f, i) => {
    const nodes = parseObject(meta, f, `each element of ${key} (index ${i})`, resolve);
    if (nodes.length === 0) throw new QueryError(`${meta.name}: ${key}[${i}] is an empty filter`);
    return and(nodes);
  });
  if (key === '$and') return and(branches);
  const or: FilterNode = branches.length === 1 ? branches[0]! : { kind: 'or', nodes: branches };
  return key === '$or' ? or : { kind: 'not', node: or };
}

/** A key is, in this order: a field itself, the suffix form of one, or a dotted path. */
function parseKey(meta: ModelMeta, key: string, value: unknown, resolve: KeyResolver): FilterNode {
  const direct = resolve(key);
  if (direct && direct.path.length === 0) return parseCondition(meta, direct, value, parseElement);
  const suffix = SUFFIX.exec(key);
  if (suffix) {
    const ref = resolve(suffix[1]!);
    if (ref) return parseSuffix(meta, ref, suffix[2]!, value);
  }
  if (!direct) throw unknownField(meta, key);
  return parseCondition(meta, direct, value, parseElement);
}

function parseSuffix(meta: ModelMeta, ref: FieldRef, op: string, value: unknown): FilterNode {
  if (isPlainObject(value)) {
    throw new QueryError(`${meta.name}.${ref.field.property}: the __${op} form takes a value, not an object`);
  }
  return parseCondition(meta, ref, { [`$${op}`]: value }, parseElement);
}
