import { QueryError } from '../errors';
import type { ModelMeta } from '../metadata/types';
import { and, type CmpOp, type FieldRef, type FilterNode, type RegexValue } from './filter-ast';
import { codecCondition } from './filter-codec';
import { refName } from './filter-field';
import { regexProblem } from './filter-regex';
import { assertSingleValue, checkLikePattern, isPlainObject, storedFilterValue } from './filter-values';

/** Operators a field condition may use. */
export const FIELD_OPERATORS = [
  '$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$exists', '$like', '$ilike', '$regex', '$options', '$not',
] as const;

/** Operators that would run code on the server: refused everywhere. */
export const CODE_OPERATORS = ['$where', '$function', '$expr', '$accumulator'];

const RANGE = new Set(['$gt', '$gte', '$lt', '$lte']);

/**
 * Parses the condition on one field: a plain value (equality), a RegExp ($regex) or an operator object
 * (`{ $gte: 1, $lt: 5 }`, several operators = AND).
 *
 * @example
 * parseCondition(meta, { field, path: [] }, { $in: ['a', 'b'] });
 */
export function parseCondition(meta: ModelMeta, ref: FieldRef, value: unknown): FilterNode {
  if (value instanceof RegExp) return parseOperator(meta, ref, '$regex', value, undefined);
  if (!isPlainObject(value)) return parseOperator(meta, ref, '$eq', value, undefined);
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
  const nodes = ops.filter((op) => op !== '$options').map((op) => parseOperator(meta, ref, op, value[op], value.$options));
  return and(nodes);
}

function parseOperator(meta: ModelMeta, ref: FieldRef, op: string, operand: unknown, options: unknown): FilterNode {
  const name = refName(meta, ref);
  if (CODE_OPERATORS.includes(op)) throw new QueryError(`${name}: ${op} refused: server-side code is not allowed in filters`);
  if (!(FIELD_OPERATORS as readonly string[]).includes(op)) {
    throw new QueryError(`${name}: unknown operator ${op} (supported: ${FIELD_OPERATORS.join(' ')})`);
  }
  if (op === '$not') return parseNot(meta, ref, operand);
  if (ref.field.codec) return codecCondition(meta, ref, op, operand);
  const kind = op.slice(1) as CmpOp;
  switch (op) {
    case '$eq':
    case '$ne':
      return cmpNode(ref, kind, operand === null ? null : storedFilterValue(meta, ref, op, operand));
    case '$in':
    case '$nin':
      return cmpNode(ref, kind, parseList(meta, ref, op, operand).map((v) => (v === null ? null : storedFilterValue(meta, ref, op, v))));
    case '$exists':
      if (typeof operand !== 'boolean') throw new QueryError(`${name}: $exists needs true or false`);
      return cmpNode(ref, 'exists', operand);
    case '$like':
    case '$ilike':
      assertTextField(meta, ref, op);
      return cmpNode(ref, kind, checkLikePattern(meta, ref, op, operand));
    case '$regex':
      assertTextField(meta, ref, op);
      return cmpNode(ref, 'regex', parseRegex(meta, ref, operand, options));
    default:
      if (RANGE.has(op)) {
        if (operand === null) throw new QueryError(`${name}: ${op} cannot compare with null (range operators never match null)`);
        return cmpNode(ref, kind, storedFilterValue(meta, ref, op, operand));
      }
      throw new QueryError(`${name}: unknown operator ${op}`);
  }
}

function parseNot(meta: ModelMeta, ref: FieldRef, operand: unknown): FilterNode {
  if (operand instanceof RegExp || (isPlainObject(operand) && Object.keys(operand).length > 0 && Object.keys(operand).every((k) => k.startsWith('$')))) {
    return { kind: 'not', node: parseCondition(meta, ref, operand) };
  }
  throw new QueryError(`${refName(meta, ref)}: $not takes an operator object (e.g. { $not: { $gt: 5 } }) or a RegExp`);
}

/** The array operand of $in / $nin, checked for undefined, nested arrays and objects. */
export function parseList(meta: ModelMeta, ref: FieldRef, op: string, operand: unknown): unknown[] {
  if (!Array.isArray(operand)) throw new QueryError(`${refName(meta, ref)}: ${op} needs an array`);
  for (const v of operand) if (v !== null) assertSingleValue(meta, ref, `an element of ${op}`, v);
  return operand;
}

function assertTextField(meta: ModelMeta, ref: FieldRef, op: string): void {
  if (ref.field.type !== 'string' && ref.field.type !== 'json') {
    throw new QueryError(`${refName(meta, ref)}: ${op} works only on string fields and json paths, and this field is ${ref.field.type}`);
  }
}

function parseRegex(meta: ModelMeta, ref: FieldRef, operand: unknown, options: unknown): RegexValue {
  const name = refName(meta, ref);
  let source: string;
  let flags = '';
  if (operand instanceof RegExp) {
    source = operand.source;
    flags = operand.flags;
  } else if (typeof operand === 'string') {
    source = operand;
  } else {
    throw new QueryError(`${name}: $regex needs a string or a RegExp`);
  }
  if (options !== undefined) {
    if (typeof options !== 'string') throw new QueryError(`${name}: $options must be a string`);
    flags += options;
  }
  const bad = [...flags].filter((f) => f !== 'i');
  if (bad.length > 0) throw new QueryError(`${name}: regex flags other than 'i' are not supported (got '${bad.join('')}')`);
  const problem = regexProblem(source);
  if (problem) throw new QueryError(`${name}: $regex: ${problem}`);
  return { source, ignoreCase: flags.includes('i') };
}

/** A comparison node on a reference. */
export function cmpNode(ref: FieldRef, op: CmpOp, value: unknown): FilterNode {
  return { kind: 'cmp', ref, op, value };
}
