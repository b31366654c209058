import type { Document } from 'mongodb';
import { QueryError } from '../../errors';
import type { FieldMeta } from '../../metadata/types';
import type { CmpOp, FieldRef, FilterNode, RegexValue, SortSpec } from '../../query/filter-ast';
import { keyOf, MONGO_ID, toMongoValue } from './mongo-values';
import { mongoRegex } from './regex-to-mongo';

/** A filter that matches no document (`$in: []` on `_id`; valid everywhere a filter is). */
export const MATCH_NOTHING: Document = Object.freeze({ [MONGO_ID]: { $in: [] } });

const REGEX_META = /[\\^$.|?*+()[\]{}]/g;

/**
 * SQL LIKE as an anchored regular expression: `%` → `.*`, `_` → `.`, `\` escapes the next character (as PostgreSQL's
 * default escape), everything else literal. Used with the `s` option so that `%` and `_` match newlines as in SQL;
 * the end anchor is `(?![\s\S])` because `$` would also match before a final newline.
 *
 * @example
 * likeToRegex('50\\%_off%'); // '^50%.off.*(?![\\s\\S])'
 */
export function likeToRegex(pattern: string): string {
  let out = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '%') out += '.*';
    else if (c === '_') out += '.';
    else if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) throw new QueryError('a LIKE pattern cannot end with the escape character \\');
      out += next.replace(REGEX_META, '\\$&');
    } else out += c.replace(REGEX_META, '\\$&');
  }
  return `${out}(?![\\s\\S])`;
}

/** The dotted document key of a field reference (`address.city`); inside `$elemMatch`, of the path alone. */
export function keyOfRef(ref: FieldRef, relative = false): string {
  const base = keyOf(ref.field);
  if (ref.path.length === 0) return base;
  for (const part of ref.path) {
    if (part.length === 0 || part.includes('.') || part.startsWith('$') || part.includes('\0')) {
      throw new QueryError(`${ref.field.property}: the JSON path key '${part}' cannot be queried on MongoDB`);
    }
  }
  return relative ? ref.path.join('.') : `${base}.${ref.path.join('.')}`;
}

/** A filter value in its BSON form: ids and decimals converted like stored values; inside JSON, kept as given. */
function bsonValue(ref: FieldRef, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return ref.path.length === 0 ? toMongoValue(ref.field, value) : value;
}

function list(ref: FieldRef, op: CmpOp, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new QueryError(`${ref.field.property}: '${op}' needs an array`);
  return value.map((v) => bsonValue(ref, v));
}

function textOf(ref: FieldRef, op: CmpOp, value: unknown): string {
  if (typeof value !== 'string') throw new QueryError(`${ref.field.property}: '${op}' needs a string pattern`);
  return value;
}

/** The operator document (`{ $eq: v }` ...) for one comparison. Values are always operands, never operators. */
function condition(ref: FieldRef, op: CmpOp, value: unknown): Document {
  switch (op) {
    case 'eq':
      return { $eq: bsonValue(ref, value) };
    case 'ne':
      return { $ne: bsonValue(ref, value) };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      if (value === null || value === undefined) {
        throw new QueryError(`${ref.field.property}: '${op}' needs a value (range operators never match null)`);
      }
      return { [`$${op}`]: bsonValue(ref, value) };
    case 'in':
      return { $in: list(ref, op, value) };
    case 'nin':
      return { $nin: list(ref, op, value) };
    case 'exists':
      // Inside JSON a key holding null exists, as on SQL. A top-level field is stored absent when null,
      // but documents written by others may hold an explicit null: there present means "not null", as on SQL.
      if (ref.path.length > 0) return { $exists: Boolean(value) };
      return value ? { $exists: true, $ne: null } : { $eq: null };
    case 'like':
    case 'ilike':
      return { $regex: likeToRegex(textOf(ref, op, value)), $options: op === 'ilike' ? 'is' : 's' };
    case 'regex':
      return mongoRegex(value as RegexValue);
    case 'size':
      return { $size: value };
    default:
      throw new QueryError(`${ref.field.property}: unknown operator '${String(op)}'`);
  }
}

function flatten(kind: 'and' | 'or', nodes: readonly FilterNode[], relative: boolean): Document[] {
  const out: Document[] = [];
  for (const node of nodes) {
    if (node.kind === kind) out.push(...flatten(kind, node.nodes, relative));
    else out.push(compileNode(node, relative));
  }
  return out;
}

/**
 * Compiles a Filter AST to a MongoDB filter document. MongoDB's native meaning is the contract: `eq null` matches
 * null and absent, `ne`/`nin` match them too, range operators never match null, `in []` matches nothing, paths
 * into arrays match element-wise. `not` becomes `$nor: [doc]`, valid at any level.
 *
 * @example
 * compileFilter(and([cmp(name, 'eq', 'Ana'), cmp(age, 'gte', 18)]));
 * // { $and: [{ name: { $eq: 'Ana' } }, { age: { $gte: 18 } }] }
 */
export function compileFilter(node: FilterNode | undefined): Document {
  return node ? compileNode(node, false) : {};
}

/**
 * `$exists` on a json field itself: present and not null (the deliberate difference on top-level fields), where an
 * array holding a null is not null (`$ne: null` alone would look at its elements).
 */
function jsonFieldExists(ref: FieldRef, exists: boolean): Document {
  const key = keyOfRef(ref);
  const present = { $or: [{ [key]: { $exists: true, $ne: null } }, { [key]: { $type: 'array' } }] };
  return exists ? present : { $nor: [present] };
}

/** `relative`: inside the document form of `$elemMatch`, where keys are paths inside one element. */
function compileNode(node: FilterNode, relative: boolean): Document {
  switch (node.kind) {
    case 'cmp':
      if (node.op === 'exists' && node.ref.path.length === 0 && node.ref.field.type === 'json' && !relative) return jsonFieldExists(node.ref, Boolean(node.value));
      return { [keyOfRef(node.ref, relative)]: condition(node.ref, node.op, node.value) };
    case 'and': {
      const docs = flatten('and', node.nodes, relative);
      if (docs.length === 0) return {};
      return docs.length === 1 ? docs[0]! : { $and: docs };
    }
    case 'or': {
      const docs = flatten('or', node.nodes, relative);
      if (docs.length === 0) return { ...MATCH_NOTHING };
      return docs.length === 1 ? docs[0]! : { $or: docs };
    }
    case 'not':
      return { $nor: [compileNode(node.node, relative)] };
    case 'elemMatch': {
      const inner = node.form === 'document' ? compileNode(node.node, true) : valueConditions(node.node);
      return { [keyOfRef(node.ref, relative)]: { $elemMatch: inner } };
    }
    default:
      throw new QueryError(`unknown filter node '${String((node as { kind?: unknown }).kind)}'`);
  }
}

/** The operator document of a value-form `$elemMatch` (`{ $gte: 80, $lt: 85 }`): comparisons, ANDed, or negated. */
function valueConditions(node: FilterNode): Document {
  switch (node.kind) {
    case 'cmp':
      return condition(node.ref, node.op, node.value);
    case 'and': {
      const merged: Document = {};
      for (const part of node.nodes.map(valueConditions)) {
        for (const [op, operand] of Object.entries(part)) {
          if (op in merged) throw new QueryError(`$elemMatch on values cannot repeat ${op} (use the document form with $and)`);
          merged[op] = operand;
        }
      }
      return merged;
    }
    case 'not':
      return { $not: valueConditions(node.node) };
    default:
      throw new QueryError(`${node.kind === 'or' ? 'an or' : `a ${node.kind}`} cannot stand inside $elemMatch on values`);
  }
}

/** Sort pairs for a FindSpec, with `_id` as the final tie-breaker so that pages are stable. */
export function compileSort(sort: readonly SortSpec[] | undefined): Array<[string, 1 | -1]> {
  const out: Array<[string, 1 | -1]> = [];
  for (const s of sort ?? []) {
    const key = keyOfRef(s.ref);
    if (!out.some(([k]) => k === key)) out.push([key, s.direction === 'desc' ? -1 : 1]);
  }
  if (!out.some(([k]) => k === MONGO_ID)) out.push([MONGO_ID, 1]);
  return out;
}

/** A projection for a partial read: the listed fields and always `_id`. Undefined reads whole documents. */
export function compileProjection(fields: readonly FieldMeta[] | undefined): Document | undefined {
  if (!fields) return undefined;
  const projection: Document = { [MONGO_ID]: 1 };
  for (const field of fields) if (!field.isId) projection[field.column] = 1;
  return projection;
}
