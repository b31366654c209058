import type { CmpOp, FilterNode, RegexValue } from '../../query/filter-ast';
import { jsLike, jsRegex } from './regex-js';

/**
 * A condition on a json value, as the SQL function `essencia_json(value, program)` receives it (JSON text): the part
 * of a Filter AST that follows MongoDB's path rules, evaluated in JavaScript by {@link matchJson}. Patterns are already
 * rendered as JavaScript RegExp sources (`re`).
 */
export type JsonProgram =
  | { readonly k: 'cmp'; readonly p: readonly string[]; readonly op: CmpOp; readonly v: unknown; readonly re?: string }
  | { readonly k: 'em'; readonly p: readonly string[]; readonly doc: boolean; readonly f: JsonProgram }
  | { readonly k: 'and' | 'or'; readonly n: readonly JsonProgram[] }
  | { readonly k: 'not'; readonly n: JsonProgram };

function pattern(node: Extract<FilterNode, { kind: 'cmp' }>): string | undefined {
  if (node.op === 'regex') return jsRegex(node.value as RegexValue);
  if (node.op === 'like' || node.op === 'ilike') return jsLike(node.value as string, node.op === 'ilike');
  return undefined;
}

/**
 * The program of a json condition: a comparison on a json field or a path into one, or an `$elemMatch` (whose inner
 * filter refers to one element of the array).
 *
 * @example
 * jsonProgram(parseFilter(meta, { 'address.city': 'Natal' })!); // { k: 'cmp', p: ['city'], op: 'eq', v: 'Natal' }
 */
export function jsonProgram(node: FilterNode): JsonProgram {
  switch (node.kind) {
    case 'and':
    case 'or':
      return { k: node.kind, n: node.nodes.map(jsonProgram) };
    case 'not':
      return { k: 'not', n: jsonProgram(node.node) };
    case 'elemMatch':
      return { k: 'em', p: node.ref.path, doc: node.form === 'document', f: jsonProgram(node.node) };
    case 'cmp': {
      const re = pattern(node);
      return re === undefined ? { k: 'cmp', p: node.ref.path, op: node.op, v: node.value } : { k: 'cmp', p: node.ref.path, op: node.op, v: null, re };
    }
  }
}
