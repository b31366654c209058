/**
 * A conformance table for the filter language, in the spirit of MongoDB's server jstests (null, ne, nin, not,
 * exists, in, regex, type bracketing, array matching, $elemMatch, $size, $all), written here as data: each case is
 * a set of documents (the values of one field `a`), a filter on `a` and the indexes of the documents MongoDB
 * returns. The expectations follow MongoDB's documented semantics (and mingo where it agrees; where mingo
 * differs, the case says so in `note`).
 *
 * A case runs in up to three places (see the conformance suite):
 * - inside a json field, as `j.a` (null and absent stay distinct, as in MongoDB);
 * - on a declared top-level column (`column`), where a stored null is absent: `expectedTop` when that changes the
 *   answer (the one deliberate difference);
 * - on a json field itself, `j` holding the value (a top-level field too, so `expectedTop` applies).
 */

/** An absent key. */
export const MISSING = Symbol('missing');

/** Driver capabilities a case may depend on (see DriverCapabilities). */
export type CaseCapability = 'exactJsonMatching';

export interface FilterCase {
  readonly name: string;
  /** The value of `a` in each document (MISSING: no key). */
  readonly docs: readonly unknown[];
  /** A filter whose keys are `a` or paths below it (`a.code`). */
  readonly filter: Record<string, unknown>;
  /** Indexes into `docs` that match, inside a json field. */
  readonly expected: readonly number[];
  /** The top-level column the case also runs on (its values fit the column type). */
  readonly column?: 's' | 'n' | 'b';
  /** The answer on a top-level field, where null is absent, when it differs from `expected`. */
  readonly expectedTop?: readonly number[];
  /** Whether the case also runs with the value as the json field itself (default: when every key is `a`). */
  readonly jsonField?: boolean;
  /** Backends without this capability cannot run the case (the reason is printed). */
  readonly needs?: CaseCapability;
  readonly note?: string;
}

const nulls = [1, null, MISSING, 2];
const mixed = [1, '1', true, null, MISSING, 2.5, 'b', false];
const tags = [['x', 'y'], ['y'], 'x', [], [['x']], MISSING];
const items = [[{ code: 'A', qty: 1 }, { code: 'B', qty: 2 }], [{ code: 'A', qty: 2 }], { code: 'A', qty: 2 }, [], [[{ code: 'A', qty: 2 }]], MISSING];
const sparse = [[{ b: 5 }], [{}], [], [{}, { b: 5 }], [5, { b: 5 }], 5, null, MISSING, [[{ b: 1 }]]];

export const FILTER_CASES: readonly FilterCase[] = [
  // null and missing (null.js, null2.js, exists*.js)
  { name: 'eq null matches null and missing', docs: nulls, filter: { a: null }, expected: [1, 2], column: 'n' },
  { name: '$eq null', docs: nulls, filter: { a: { $eq: null } }, expected: [1, 2], column: 'n' },
  { name: '$ne null', docs: nulls, filter: { a: { $ne: null } }, expected: [0, 3], column: 'n' },
  { name: '$in with null', docs: nulls, filter: { a: { $in: [null, 1] } }, expected: [0, 1, 2], column: 'n' },
  { name: '$nin with null', docs: nulls, filter: { a: { $nin: [null] } }, expected: [0, 3], column: 'n' },
  { name: '$exists true: a stored null exists inside json', docs: nulls, filter: { a: { $exists: true } }, expected: [0, 1, 3], expectedTop: [0, 3], column: 'n' },
  { name: '$exists false', docs: nulls, filter: { a: { $exists: false } }, expected: [2], expectedTop: [1, 2], column: 'n' },
  { name: '$exists 1', docs: nulls, filter: { a: { $exists: 1 } }, expected: [0, 1, 3], expectedTop: [0, 3], column: 'n' },
  { name: '$exists 0', docs: nulls, filter: { a: { $exists: 0 } }, expected: [2], expectedTop: [1, 2], column: 'n' },
  { name: '$gte null means null or missing', docs: nulls, filter: { a: { $gte: null } }, expected: [1, 2], column: 'n', note: 'mingo matches nothing' },
  { name: '$lte null means null or missing', docs: nulls, filter: { a: { $lte: null } }, expected: [1, 2], column: 'n', note: 'mingo matches nothing' },
  { name: '$gt null matches nothing', docs: nulls, filter: { a: { $gt: null } }, expected: [], column: 'n' },
  { name: '$lt null matches nothing', docs: nulls, filter: { a: { $lt: null } }, expected: [], column: 'n' },
  { name: '$not $gt null matches everything', docs: nulls, filter: { a: { $not: { $gt: null } } }, expected: [0, 1, 2, 3], column: 'n' },
  { name: '$not $gt matches null and missing', docs: nulls, filter: { a: { $not: { $gt: 1 } } }, expected: [0, 1, 2], column: 'n' },
  { name: '$ne a value matches null and missing', docs: nulls, filter: { a: { $ne: 1 } }, expected: [1, 2, 3], column: 'n' },
  { name: '$nin values matches null and missing', docs: nulls, filter: { a: { $nin: [1, 2] } }, expected: [1, 2], column: 'n' },
  { name: '$in [] matches nothing', docs: nulls, filter: { a: { $in: [] } }, expected: [], column: 'n' },
  { name: '$nin [] matches everything', docs: nulls, filter: { a: { $nin: [] } }, expected: [0, 1, 2, 3], column: 'n' },
  { name: 'range on a number', docs: nulls, filter: { a: { $gte: 1, $lt: 2 } }, expected: [0], column: 'n' },
  { name: '$not $in matches null and missing', docs: nulls, filter: { a: { $not: { $in: [1, 2] } } }, expected: [1, 2], column: 'n' },
  { name: '$not $exists true is $exists false', docs: nulls, filter: { a: { $not: { $exists: true } } }, expected: [2], expectedTop: [1, 2], column: 'n' },

  // type bracketing (a comparison only meets values of its own type)
  { name: '$gt a number skips strings and booleans', docs: mixed, filter: { a: { $gt: 0 } }, expected: [0, 5] },
  { name: '$lt a string skips numbers', docs: mixed, filter: { a: { $lt: 'c' } }, expected: [1, 6] },
  { name: 'eq 1 is not "1" nor true', docs: mixed, filter: { a: 1 }, expected: [0], needs: 'exactJsonMatching' },
  { name: 'eq true is not 1', docs: mixed, filter: { a: true }, expected: [2], needs: 'exactJsonMatching' },
  { name: '$gte false meets only booleans', docs: mixed, filter: { a: { $gte: false } }, expected: [2, 7] },
  { name: '$in across types', docs: mixed, filter: { a: { $in: [1, 'b'] } }, expected: [0, 6], needs: 'exactJsonMatching' },
  { name: '$ne across types', docs: mixed, filter: { a: { $ne: 1 } }, expected: [1, 2, 3, 4, 5, 6, 7], needs: 'exactJsonMatching' },
  { name: 'a regex only meets strings', docs: [12, '12', true, null], filter: { a: /1/ }, expected: [1] },
  { name: 'strings compare by code point', docs: ['é', 'z', 'Z', 'zz', 'ä'], filter: { a: { $gt: 'z' } }, expected: [0, 3, 4], column: 's' },

  // regular expressions (regex*.js)
  { name: '. does not match a newline', docs: ['1\n2', '12', '1x2'], filter: { a: { $regex: '1.*2' } }, expected: [1, 2], column: 's' },
  { name: 'option s: . matches a newline', docs: ['1\n2', '12', '1x2'], filter: { a: { $regex: '1.*2', $options: 's' } }, expected: [0, 1, 2], column: 's' },
  { name: 'RegExp flag s', docs: ['1\n2', '12', '1x2'], filter: { a: /1.2/s }, expected: [0, 2], column: 's' },
  { name: '$ matches at the end and before a final newline', docs: ['a', 'a\n', 'a\nb', 'ba', 'a\n\n'], filter: { a: /a$/ }, expected: [0, 1, 3], column: 's', note: 'JavaScript (mingo) does not match before the final newline' },
  { name: '^$ matches an empty string and a lone newline', docs: ['', '\n', 'x', '\n\n'], filter: { a: /^$/ }, expected: [0, 1], column: 's' },
  { name: 'option m: ^ at each line', docs: ['a\nb', 'b', 'ab'], filter: { a: { $regex: '^b', $options: 'm' } }, expected: [0, 1], column: 's' },
  { name: 'option m: $ at each line', docs: ['a\nb', 'ba', 'ab'], filter: { a: { $regex: 'a$', $options: 'm' } }, expected: [0, 1], column: 's' },
  { name: 'option x: whitespace and comments dropped', docs: ['abc', 'a b c', 'ab'], filter: { a: { $regex: 'a b # a comment\n c', $options: 'x' } }, expected: [0], column: 's' },
  { name: 'option x keeps escaped spaces and classes', docs: ['a c', 'ac', 'a  c'], filter: { a: { $regex: '^a\\ [ ] ? c$', $options: 'x' } }, expected: [0, 2], column: 's' },
  { name: 'i folds Portuguese letters', docs: ['CONCEIÇÃO', 'Conceicao', 'conceição', 'CONCEIÇAO'], filter: { a: /conceição/i }, expected: [0, 2], column: 's' },
  { name: 'i folds Cyrillic letters', docs: ['ЖЖЖ', 'жЖж', 'zzz'], filter: { a: /жжж/i }, expected: [0, 1], column: 's' },
  { name: 'i folds Greek sigma (simple case folding)', docs: ['Σ', 'σ', 'ς', 's'], filter: { a: { $regex: '^σ$', $options: 'i' } }, expected: [0, 1, 2], column: 's' },
  { name: 'i folds a bracket range', docs: ['É', 'é', 'E', 'f'], filter: { a: { $regex: '^[à-ê]$', $options: 'i' } }, expected: [0, 1], column: 's' },
  { name: 'i in a negated class', docs: ['Ã', 'ã', 'b'], filter: { a: { $regex: '^[^ã]$', $options: 'i' } }, expected: [2], column: 's' },
  { name: '$not with a case-insensitive RegExp', docs: ['Élan', 'elan', null], filter: { a: { $not: /^é/i } }, expected: [1, 2], column: 's' },
  { name: '$ilike folds every letter', docs: ['JOÃO SILVA', 'joao silva', 'João', 'xJOÃO'], filter: { a: { $ilike: 'joão%' } }, expected: [0, 2], column: 's' },
  { name: '$ilike _ is one character, newlines included', docs: ['Ã\n', 'ã', 'ãã\n'], filter: { a: { $ilike: 'ã_' } }, expected: [0], column: 's' },
  { name: '$like stays case-sensitive', docs: ['joão', 'JOÃO', 'joxo'], filter: { a: { $like: 'jo_o' } }, expected: [0, 2], column: 's' },
  { name: '\\d is ASCII digits only', docs: ['123', '١٢٣', '12a'], filter: { a: /^\d+$/ }, expected: [0], column: 's' },
  { name: '\\w is ASCII word characters only', docs: ['é', 'e', '_', '-'], filter: { a: /^\w$/ }, expected: [1, 2], column: 's' },
  { name: '\\s is ASCII whitespace', docs: ['a b', 'a\tb', 'a\u00a0b'], filter: { a: /^a\sb$/ }, expected: [0, 1], column: 's' },
  { name: '. matches one character, not a newline', docs: ['\n', 'x', '', 'ã'], filter: { a: /^.$/ }, expected: [1, 3], column: 's' },
  { name: 'RegExps inside $in', docs: ['ax', 'b', 'c', null, 'AX'], filter: { a: { $in: [/^a/, 'b'] } }, expected: [0, 1], column: 's' },
  { name: 'RegExps inside $nin', docs: ['ax', 'b', 'c', null, 'AX'], filter: { a: { $nin: [/^a/i, 'b'] } }, expected: [2, 3], column: 's' },
  { name: 'a RegExp alone inside $in', docs: ['ax', 'b', null], filter: { a: { $in: [/x$/] } }, expected: [0], column: 's' },
  { name: 'alternation and groups', docs: ['ab', 'cd', 'abcd', 'ad'], filter: { a: /^(?:ab|cd)+$/ }, expected: [0, 1, 2], column: 's' },
  { name: '$not with $regex and $options', docs: ['Xa', 'ya', null], filter: { a: { $not: { $regex: '^x', $options: 'i' } } }, expected: [1, 2], column: 's' },
  { name: 'null and a RegExp inside $in', docs: ['xa', 'ya', null, MISSING], filter: { a: { $in: [null, /^x/] } }, expected: [0, 2, 3], column: 's' },
  { name: 'null and a RegExp inside $nin', docs: ['xa', 'ya', null, MISSING], filter: { a: { $nin: [null, /^x/] } }, expected: [1], column: 's' },
  { name: 'bracket classes with escapes', docs: ['a-b', 'a]b', 'a^b', 'acb'], filter: { a: /^a[\]\-^]b$/ }, expected: [0, 1, 2], column: 's' },
  { name: 'counted repetition', docs: ['aa', 'aaa', 'aaaa', 'a'], filter: { a: /^a{2,3}$/ }, expected: [0, 1], column: 's' },

  // arrays inside json (array_match*, in*, nin*, ne*, elemMatch*, size, all)
  { name: 'a value matches an array element', docs: tags, filter: { a: 'x' }, expected: [0, 2] },
  { name: 'an array matches the whole array, or an element that is one', docs: [['x', 'y'], ['y', 'x'], [['x', 'y']], 'x'], filter: { a: ['x', 'y'] }, expected: [0, 2], needs: 'exactJsonMatching' },
  { name: '$ne: no element equals', docs: tags, filter: { a: { $ne: 'x' } }, expected: [1, 3, 4, 5] },
  { name: '$in: some element is listed', docs: [['x', 'y'], ['y'], 'z', [], MISSING], filter: { a: { $in: ['x', 'z'] } }, expected: [0, 2] },
  { name: '$nin: no element is listed', docs: [['x', 'y'], ['y'], [], MISSING], filter: { a: { $nin: ['x'] } }, expected: [1, 2, 3] },
  { name: 'a range meets any element', docs: [[1, 10], [1, 2], 7, []], filter: { a: { $gt: 5 } }, expected: [0, 2] },
  { name: 'two ranges may meet different elements', docs: [[1, 10], [6], [4, 9], [9, 10]], filter: { a: { $gt: 5, $lt: 8 } }, expected: [0, 1, 2] },
  { name: '$elemMatch: one element meets both', docs: [[1, 10], [6], [4, 9], [9, 10]], filter: { a: { $elemMatch: { $gt: 5, $lt: 8 } } }, expected: [1] },
  { name: 'null matches an element that is null, not an empty array', docs: [[null], [1], [], null, MISSING], filter: { a: null }, expected: [0, 3, 4] },
  { name: '$exists on arrays', docs: [[], [null], MISSING], filter: { a: { $exists: true } }, expected: [0, 1] },
  { name: 'nested arrays are not flattened', docs: [[[1]], [1], 1], filter: { a: 1 }, expected: [1, 2] },
  { name: 'equality with a nested array', docs: [[[1]], [1], 1], filter: { a: [1] }, expected: [0, 1], needs: 'exactJsonMatching' },
  { name: '$size', docs: [[1, 2], [1], [], 'ab', [[1, 2]], MISSING], filter: { a: { $size: 2 } }, expected: [0] },
  { name: '$size 0', docs: [[], [1], MISSING, null], filter: { a: { $size: 0 } }, expected: [0] },
  { name: '$not $size', docs: [[1], [1, 2], MISSING], filter: { a: { $not: { $size: 1 } } }, expected: [1, 2] },
  { name: '$all', docs: [['x', 'y', 'z'], ['x'], 'x', ['y', 'x']], filter: { a: { $all: ['x', 'y'] } }, expected: [0, 3] },
  { name: '$all [] matches nothing', docs: [['x'], []], filter: { a: { $all: [] } }, expected: [] },
  { name: '$all on a scalar', docs: [['x'], 'x', 'y'], filter: { a: { $all: ['x'] } }, expected: [0, 1], note: 'mingo misses the scalar' },
  { name: 'a regex meets string elements', docs: [['ax', 1], [1, 2], 'ba'], filter: { a: /a/ }, expected: [0, 2] },
  { name: '$ne null on arrays', docs: [[null], [1], [], null, MISSING], filter: { a: { $ne: null } }, expected: [1, 2] },
  { name: '$all with RegExps', docs: [['ab', 'cd'], ['ab'], 'ab', ['cd', 'xb']], filter: { a: { $all: [/^a/, /d$/] } }, expected: [0] },
  { name: '$in with a whole array', docs: [['x', 'y'], ['y', 'x'], 'z', [['x', 'y']]], filter: { a: { $in: [['x', 'y'], 'z'] } }, expected: [0, 2, 3], needs: 'exactJsonMatching' },
  { name: 'a case-insensitive RegExp through an array of objects', docs: items, filter: { 'a.code': /^a$/i }, expected: [0, 1, 2] },
  { name: 'a path into an array of objects', docs: items, filter: { 'a.code': 'A' }, expected: [0, 1, 2] },
  { name: 'two paths may meet different elements', docs: items, filter: { 'a.code': 'B', 'a.qty': 1 }, expected: [0] },
  { name: '$elemMatch on objects: one element meets all', docs: items, filter: { a: { $elemMatch: { code: 'A', qty: { $gt: 1 } } } }, expected: [1], needs: 'exactJsonMatching' },
  { name: '$elemMatch with a nested $or', docs: items, filter: { a: { $elemMatch: { $or: [{ code: 'B' }, { qty: 2 }] } } }, expected: [0, 1], needs: 'exactJsonMatching' },
  { name: '$all with $elemMatch', docs: items, filter: { a: { $all: [{ $elemMatch: { code: 'A' } }, { $elemMatch: { code: 'B' } }] } }, expected: [0] },
  { name: '$size through an array of objects', docs: [[{ b: [1] }], [{ b: [1, 2] }], [{ b: 1 }]], filter: { 'a.b': { $size: 1 } }, expected: [0], needs: 'exactJsonMatching' },
  { name: 'a position in an array', docs: [['x', 'y'], ['y', 'x'], { 0: 'x' }], filter: { 'a.0': 'x' }, expected: [0, 2] },
  { name: 'null under arrays: an object without the key counts, other elements do not', docs: sparse.slice(0, 5), filter: { 'a.b': null }, expected: [1, 3] },
  { name: '$exists false under arrays', docs: sparse.slice(0, 5), filter: { 'a.b': { $exists: false } }, expected: [1, 2], needs: 'exactJsonMatching' },
  { name: '$exists true under arrays, not through nested arrays', docs: sparse, filter: { 'a.b': { $exists: true } }, expected: [0, 3, 4] },
  { name: 'null through a scalar or a null parent', docs: sparse, filter: { 'a.b': null }, expected: [1, 3, 5, 6, 7], needs: 'exactJsonMatching' },
  { name: '$ne under arrays', docs: sparse.slice(0, 5), filter: { 'a.b': { $ne: 5 } }, expected: [1, 2] },
];
