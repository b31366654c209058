import type { Document } from 'mongodb';
import { QueryError } from '../../errors';
import type { FieldMeta } from '../../metadata/types';
import type { CmpOp, FieldRef, FilterNode, RegexValue, SortSpec } from '../../query/filter-ast';
import { keyOf, MONGO_ID, toMongoValue } from './mongo-values';

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

/** The dotted document key of a field reference (`address.city`). */
export function keyOfRef(ref: FieldRef): string {
  const base = keyOf(ref.field);
  if (ref.path.length === 0) return base;
  for (const part of ref.path) {
    if (part.length === 0 || part.includes('.') || part.startsWith('$') || part.includes('\0')) {
      throw new QueryError(`${ref.field.property}: the JSON path key '${part}' cannot be queried on MongoDB`);
    }
  }
  return `${base}.${ref.path.join('.')}`;
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
    case 'regex': {
      const re = value as RegexValue;
      if (!re || typeof re.source !== 'string') throw new QueryError(`${ref.field.property}: 'regex' needs a pattern`);
      return re.ignoreCase ? { $regex: re.source, $options: 'i' } : { $regex: re.source };
    }
    default:
      throw new QueryError(`${ref.field.property}: unknown operator '${String(op)}'`);
  }
}

function flatten(kind: 'and' | 'or', nodes: readonly FilterNode[]): Document[] {
  const out: Document[] = [];
  for (const node of nodes) {
    if (node.kind === kind) out.push(...flatten(kind, node.nodes));
    else out.push(compileFilter(node));
  }
  return out;
}

/**
 * Compiles a Filter AST to a MongoDB filter document. MongoDB's native meaning is the contract: `eq null` matches
 * null and absent, `ne`/`nin` match them too, range operators never match null, `in []` matches nothing.
 * `not` becomes `$nor: [doc]`, valid at any level.
 *
 * @example
 * compileFilter(and([cmp(name, 'eq', 'Ana'), cmp(age, 'gte', 18)]));
 * // { $and: [{ name: { $eq: 'Ana' } }, { age: { $gte: 18 } }] }
 */
export function compileFilter(node: FilterNode | undefined): Document {
  if (!node) return {};
  switch (node.kind) {
    case 'cmp':
      return { [keyOfRef(node.ref)]: condition(node.ref, node.op, node.value) };
    case 'and': {
      const docs = flatten('and', node.nodes);
      if (docs.length === 0) return {};
      return docs.length === 1 ? docs[0]! : { $and: docs };
    }
    case 'or': {
      const docs = flatten('or', node.nodes);
      if (docs.length === 0) return { ...MATCH_NOTHING };
      return docs.length === 1 ? docs[0]! : { $or: docs };
    }
    case 'not':
      return { $nor: [compileFilter(node.node)] };
    default:
      throw new QueryError(`unknown filter node '${String((node as { kind?: unknown }).kind)}'`);
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
