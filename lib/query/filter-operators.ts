import { QueryError } from '../errors';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { and, NOTHING, type CmpOp, type FieldRef, type FilterNode } from './filter-ast';
import { codecCondition } from './filter-codec';
import { refName } from './filter-field';
import { parseRegexOperand } from './filter-regex-operand';
import { assertNoNul, checkLikePattern, isPlainObject, storedFilterValue } from './filter-values';

/** Operators a field condition may use. */
export const FIELD_OPERATORS = [
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$like', '$ilike', '$regex', '$options', '$not',
  '$all', '$size', '$elemMatch',
] as const;

/** Operators that would run code on the server: refused everywhere. */
export const CODE_OPERATORS: ReadonlySet<string> = new Set(['$where', '$function', '$expr', '$accumulator']);

const KNOWN_OPERATORS: ReadonlySet<string> = new Set(FIELD_OPERATORS);

/** Parses the document form of `$elemMatch` (given by the filter parser, which owns document parsing). */
export type ElementParser = (meta: ModelMeta, field: FieldMeta, input: unknown) => FilterNode;

const RANGE = new Set(['$gt', '$gte', '$lt', '$lte']);
const JSON_ONLY = new Set(['$size', '$elemMatch']);

/**
 * Parses the condition on one field: a plain value (equality), a RegExp ($regex) or an operator object
 * (`{ $gte: 1, $lt: 5 }`, several operators = AND). MongoDB's special cases become plain AST here, once for every
 * backend: `$gte`/`$lte: null` mean `eq null`, `$gt`/`$lt: null` match nothing, RegExps inside `$in` become an
 * `or` of regex comparisons, `$all` an `and` of equalities.
 *
 * @example
 * parseCondition(meta, { field, path: [] }, { $in: ['a', /^b/] }, parseElement);
 */
export function parseCondition(meta: ModelMeta, ref: FieldRef, value: unknown, element: ElementParser): FilterNode {
  if (value instanceof RegExp) return parseOperator(meta, ref, '$regex', value, undefined, element);
  if (!isPlainObject(value)) return parseOperator(meta, ref, '$eq', value, undefined, element);
  const keys = Object.keys(value);
  const ops = keys.filter((k) => k.startsWith('$'));
  if (keys.length === 0) {
    throw new QueryError(`${refName(meta, ref)}: an empty object is not a filter value (use an operator such as { $exists: true })`);
  }
  if (ops.length === 0) {
    throw new QueryError(`${refName(meta, ref)}: an object is not an equality value (use $in for a list of values, or compare JSON paths such as 'field.key')`);
  }
  if (ops.length !== keys.length) {
    throw new QueryError(`${refName(meta, ref)}: an operator object cannot mix operators and plain keys (${keys.join(', ')})`);
  }
  if ('$options' in value && !('$regex' in value)) throw new QueryError(`${refName(meta, ref)}: $options needs $regex`);
  const nodes = ops.filter((op) => op !== '$options').map((op) => parseOperator(meta, ref, op, value[op], value.$options, element));
  return and(nodes);
}

function parseOperator(meta: ModelMeta, ref: FieldRef, op: string, operand: unknown, options: unknown, element: ElementParser): FilterNode {
  // Built only for a message: a filter that parses builds no name.
  const name = (): string => refName(meta, ref);
  if (CODE_OPERATORS.has(op)) throw new QueryError(`${name()}: ${op} refused: server-side code is not allowed in filters`);
  if (!KNOWN_OPERATORS.has(op)) {
    throw new QueryError(`${name()}: unknown operator ${op} (supported: ${FIELD_OPERATORS.join(' ')})`);
  }
  if (op === '$not') return parseNot(meta, ref, operand, element);
  if (op === '$exists') return cmpNode(ref, 'exists', existsOperand(name(), operand));
  if (ref.field.codec) return codecCondition(meta, ref, op, operand);
  if (JSON_ONLY.has(op) && ref.field.type !== 'json') {
    throw new QueryError(`${name()}: ${op} works only on json fields and paths into them, and this field is ${ref.field.type}`);
  }
  const kind = op.slice(1) as CmpOp;
  switch (op) {
    case '$eq':
    case '$ne':
      return cmpNode(ref, kind, operand === null ? null : storedFilterValue(meta, ref, op, operand));
    case '$in':
    case '$nin':
      return parseIn(meta, ref, op, operand);
    case '$all':
      return parseAll(meta, ref, operand, element);
    case '$size':
      if (typeof operand !== 'number' || !Number.isInteger(operand) || operand < 0) throw new QueryError(`${name()}: $size needs a non-negative integer`);
      return cmpNode(ref, 'size', operand);
    case '$elemMatch':
      return parseElemMatch(meta, ref, operand, element);
    case '$like':
    case '$ilike':
      assertTextField(meta, ref, op);
      return cmpNode(ref, kind, checkLikePattern(meta, ref, op, operand));
    case '$regex':
      assertTextField(meta, ref, op);
      return cmpNode(ref, 'regex', parseRegexOperand(name(), operand, options));
    default:
      if (RANGE.has(op)) return parseRange(meta, ref, op, kind, operand);
      throw new QueryError(`${name()}: unknown operator ${op}`);
  }
}

/** `$exists` takes a boolean or, as in MongoDB, a number (0 is false). */
function existsOperand(name: string, operand: unknown): boolean {
  if (typeof operand === 'boolean') return operand;
  if (typeof operand === 'number' && Number.isFinite(operand)) return operand !== 0;
  throw new QueryError(`${name}: $exists needs true or false (or 1 / 0)`);
}

/** MongoDB brackets null with itself: `$gte`/`$lte: null` equal null (or absent), `$gt`/`$lt: null` match nothing. */
function parseRange(meta: ModelMeta, ref: FieldRef, op: string, kind: CmpOp, operand: unknown): FilterNode {
  if (operand === null) return op === '$gte' || op === '$lte' ? cmpNode(ref, 'eq', null) : NOTHING;
  if (Array.isArray(operand)) throw new QueryError(`${refName(meta, ref)}: ${op} compares with a single value, not an array`);
  return cmpNode(ref, kind, storedFilterValue(meta, ref, op, operand));
}

/**
 * `$in` / `$nin`: values (null included) and RegExps. Without RegExps it stays one `in` / `nin` comparison; with
 * them, `$in` is the `or` of the list and each regex, and `$nin` the `not` of that.
 */
function parseIn(meta: ModelMeta, ref: FieldRef, op: '$in' | '$nin', operand: unknown): FilterNode {
  const list = parseList(meta, ref, op, operand);
  const regexes = list.filter((v): v is RegExp => v instanceof RegExp);
  const values = list.filter((v) => !(v instanceof RegExp)).map((v) => (v === null ? null : storedFilterValue(meta, ref, `an element of ${op}`, v)));
  if (regexes.length === 0) return cmpNode(ref, op === '$in' ? 'in' : 'nin', values);
  assertTextField(meta, ref, `a RegExp in ${op}`);
  const nodes = regexes.map((re) => cmpNode(ref, 'regex', parseRegexOperand(refName(meta, ref), re, undefined)));
  if (values.length > 0) nodes.unshift(cmpNode(ref, 'in', values));
  const any: FilterNode = nodes.length === 1 ? nodes[0]! : { kind: 'or', nodes };
  return op === '$in' ? any : { kind: 'not', node: any };
}

/** `$all: [a, b]` is `a` and `b` (each an equality, a RegExp or an `$elemMatch`); `$all: []` matches nothing. */
function parseAll(meta: ModelMeta, ref: FieldRef, operand: unknown, element: ElementParser): FilterNode {
  const list = parseList(meta, ref, '$all', operand);
  if (list.length === 0) return NOTHING;
  return and(
    list.map((v) => {
      if (isPlainObject(v) && Object.keys(v).length === 1 && '$elemMatch' in v) return parseOperator(meta, ref, '$elemMatch', v.$elemMatch, undefined, element);
      return parseCondition(meta, ref, isPlainObject(v) ? { $eq: v } : v, element);
    }),
  );
}

/**
 * `$elemMatch`: an operator object applies to each element itself (`{ $gte: 80, $lt: 85 }`), any other object is a
 * filter on each element that is an object (`{ code: 'A', qty: { $gt: 1 } }`).
 */
function parseElemMatch(meta: ModelMeta, ref: FieldRef, operand: unknown, element: ElementParser): FilterNode {
  const name = refName(meta, ref);
  if (!isPlainObject(operand) || Object.keys(operand).length === 0) throw new QueryError(`${name}: $elemMatch needs a non-empty object`);
  const keys = Object.keys(operand);
  const valueForm = keys.every((k) => k.startsWith('$') && !['$and', '$or', '$nor'].includes(k));
  if (!valueForm) return { kind: 'elemMatch', ref, form: 'document', node: element(meta, ref.field, operand) };
  const node = parseCondition(meta, { field: ref.field, path: [] }, operand, element);
  if (containsOr(node)) throw new QueryError(`${name}: $elemMatch on values cannot hold $in / $nin with a RegExp (use $regex, or the document form)`);
  return { kind: 'elemMatch', ref, form: 'value', node };
}

function containsOr(node: FilterNode): boolean {
  if (node.kind === 'or') return true;
  if (node.kind === 'and') return node.nodes.some(containsOr);
  return node.kind === 'not' ? containsOr(node.node) : false;
}

function parseNot(meta: ModelMeta, ref: FieldRef, operand: unknown, element: ElementParser): FilterNode {
  if (operand instanceof RegExp || (isPlainObject(operand) && Object.keys(operand).length > 0 && Object.keys(operand).every((k) => k.startsWith('$')))) {
    return { kind: 'not', node: parseCondition(meta, ref, operand, element) };
  }
  throw new QueryError(`${refName(meta, ref)}: $not takes an operator object (e.g. { $not: { $gt: 5 } }) or a RegExp`);
}

/** The array operand of $in / $nin / $all, checked for undefined; its elements are checked by the caller. */
export function parseList(meta: ModelMeta, ref: FieldRef, op: string, operand: unknown): unknown[] {
  if (!Array.isArray(operand)) throw new QueryError(`${refName(meta, ref)}: ${op} needs an array`);
  for (const v of operand) assertNoNul(meta, ref, `an element of ${op}`, v);
  return operand;
}

function assertTextField(meta: ModelMeta, ref: FieldRef, op: string): void {
  if (ref.field.type !== 'string' && ref.field.type !== 'json') {
    throw new QueryError(`${refName(meta, ref)}: ${op} works only on string fields and json paths, and this field is ${ref.field.type}`);
  }
}

/** A comparison node on a reference. */
export function cmpNode(ref: FieldRef, op: CmpOp, value: unknown): FilterNode {
  return { kind: 'cmp', ref, op, value };
}
