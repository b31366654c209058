import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { QueryError } from '../../lib/errors';
import type { FilterNode, RegexValue } from '../../lib/query/filter-ast';
import { parseFilter, parseSort } from '../../lib/query/filter-parse';
import { parseRegex, RegexRefusal } from '../../lib/query/regex/regex-parse';
import type { Filter, OrderBy } from '../../lib/query/filter-types';
import { Person, personMeta } from '../support/filter-fixtures';

const meta = personMeta();
const parse = (f: unknown) => parseFilter(meta, f);

/** The AST with fields replaced by their property names, for readable assertions. */
function show(node: FilterNode | undefined): unknown {
  if (!node) return node;
  switch (node.kind) {
    case 'and':
    case 'or':
      return { [node.kind]: node.nodes.map(show) };
    case 'not':
      return { not: show(node.node) };
    case 'cmp': {
      const re = node.op === 'regex' ? (node.value as RegexValue) : undefined;
      const flags = re ? `${re.flags.ignoreCase ? 'i' : ''}${re.flags.multiline ? 'm' : ''}${re.flags.dotAll ? 's' : ''}` : '';
      return [[node.ref.field.property, ...node.ref.path].join('.'), node.op, re ? `/${re.source}/${flags}` : node.value];
    }
    case 'elemMatch':
      return { elemMatch: [[node.ref.field.property, ...node.ref.path].join('.'), node.form, show(node.node)] };
  }
}

/** Why a pattern is outside the portable subset; undefined when it is inside. */
function regexProblem(source: string): string | undefined {
  try {
    parseRegex(source);
    return undefined;
  } catch (e) {
    if (e instanceof RegexRefusal) return e.message;
    throw e;
  }
}

function refuses(filter: unknown, pattern: RegExp): void {
  assert.throws(() => parse(filter), (e: unknown) => {
    assert.ok(e instanceof QueryError, `expected QueryError, got ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

test('empty filters parse to undefined', () => {
  assert.equal(parse(undefined), undefined);
  assert.equal(parse(null), undefined);
  assert.equal(parse({}), undefined);
});

test('plain values are equality; several keys are AND', () => {
  assert.deepEqual(show(parse({ name: 'Ana', age: 30 })), { and: [['name', 'eq', 'Ana'], ['age', 'eq', 30]] });
  assert.deepEqual(show(parse({ id: 'abc' })), ['id', 'eq', 'abc']);
  assert.deepEqual(show(parse({ score: null })), ['score', 'eq', null]);
});

test('operator objects: several operators are AND', () => {
  assert.deepEqual(show(parse({ age: { $gte: 18, $lt: 65 } })), { and: [['age', 'gte', 18], ['age', 'lt', 65]] });
  assert.deepEqual(show(parse({ age: { $in: [1, null] } })), ['age', 'in', [1, null]]);
  assert.deepEqual(show(parse({ age: { $nin: [] } })), ['age', 'nin', []]);
  assert.deepEqual(show(parse({ score: { $exists: false } })), ['score', 'exists', false]);
  assert.deepEqual(show(parse({ name: { $ne: null } })), ['name', 'ne', null]);
});

test('values are converted to their stored form', () => {
  const d = new Date('2024-01-02T03:04:05Z');
  assert.deepEqual(show(parse({ born: { $gt: d } })), ['born', 'gt', d]);
  assert.deepEqual(show(parse({ balance: 12.5 })), ['balance', 'eq', '12.5']);
  assert.deepEqual(show(parse({ balance: { $in: ['1.00', 2] } })), ['balance', 'in', ['1.00', '2']]);
});

test('suffix form; a key that is a property wins', () => {
  const d = new Date(0);
  assert.deepEqual(show(parse({ born__gte: d })), ['born', 'gte', d]);
  assert.deepEqual(show(parse({ age__in: [1, 2], name__ilike: 'a%' })), { and: [['age', 'in', [1, 2]], ['name', 'ilike', 'a%']] });
  assert.deepEqual(show(parse({ 'address.city__ne': 'Recife' })), ['address.city', 'ne', 'Recife']);
  refuses({ age__gte: { $lt: 3 } }, /takes a value/);
  refuses({ age__between: 3 }, /unknown field 'age__between'/);
});

test('logical operators', () => {
  assert.deepEqual(show(parse({ $or: [{ age: 1 }, { name: 'x' }] })), { or: [['age', 'eq', 1], ['name', 'eq', 'x']] });
  assert.deepEqual(show(parse({ $nor: [{ age: 1 }] })), { not: ['age', 'eq', 1] });
  assert.deepEqual(show(parse({ $and: [{ age: 1 }, { age: 2 }] })), { and: [['age', 'eq', 1], ['age', 'eq', 2]] });
  assert.deepEqual(show(parse({ age: { $not: { $gt: 5 } } })), { not: ['age', 'gt', 5] });
  assert.deepEqual(show(parse({ name: { $not: /^a/i } })), { not: ['name', 'regex', '/^a/i'] });
  refuses({ $or: [] }, /non-empty array/);
  refuses({ $or: {} }, /non-empty array/);
  refuses({ $and: [{}] }, /empty filter/);
  refuses({ $not: { age: 1 } }, /unknown operator \$not at the top/);
  refuses({ age: { $not: 5 } }, /\$not takes an operator object/);
});

test('json paths', () => {
  assert.deepEqual(show(parse({ 'address.city': 'Recife' })), ['address.city', 'eq', 'Recife']);
  assert.deepEqual(show(parse({ 'address.geo.lat': { $gt: 1.5 } })), ['address.geo.lat', 'gt', 1.5]);
  assert.deepEqual(show(parse({ address: { $exists: true } })), ['address', 'exists', true]);
  assert.deepEqual(show(parse({ 'address.zip': { $like: '5%' } })), ['address.zip', 'like', '5%']);
  refuses({ 'name.first': 'x' }, /only allowed into json fields/);
  refuses({ 'nope.first': 'x' }, /unknown field 'nope.first'/);
  refuses({ 'address..city': 'x' }, /empty path segment/);
  refuses({ 'address.$where': 'x' }, /cannot start with '\$'/);
  refuses({ 'address.city': { $gt: { a: 1 } } }, /cannot compare with an object \(MongoDB compares objects with their key order/);
  refuses({ 'address.city': new Date() }, /compares only strings/);
  refuses({ address: { city: 'x' } }, /use \$in .*JSON paths/);
  assert.deepEqual(show(parse({ 'address.tags': ['a', ['b'], null] })), ['address.tags', 'eq', ['a', ['b'], null]], 'arrays compare whole (or with an element that is one)');
  refuses({ 'address.tags': ['a', { b: 1 }] }, /an array element of \$eq cannot compare with an object/);
});

test('unknown fields, derived fields and bad shapes are refused', () => {
  refuses({ nope: 1 }, /Person: unknown field 'nope' \(fields: id, name, age/);
  refuses({ cpfBidx: 'h:1' }, /unknown field 'cpfBidx'/);
  refuses({ greet: 1 }, /unknown field 'greet'/);
  refuses('name', /must be a plain object/);
  refuses([{ name: 'x' }], /must be a plain object/);
  refuses({ name: undefined }, /undefined is not a filter value/);
});

test('operators: unknown, server-side code', () => {
  refuses({ age: { $foo: 1 } }, /unknown operator \$foo \(supported: \$eq \$ne/);
  refuses({ $where: 'this.age > 1' }, /\$where refused: server-side code/);
  refuses({ $expr: {} }, /refused: server-side code/);
  refuses({ age: { $function: {} } }, /\$function refused: server-side code/);
  refuses({ age: { $accumulator: {} } }, /refused: server-side code/);
  refuses({ age: { $gt: 1, plain: 2 } }, /cannot mix operators and plain keys/);
  refuses({ age: {} }, /empty object/);
  refuses({ name: { $options: 'i' } }, /\$options needs \$regex/);
});

test('values of the wrong type are refused', () => {
  refuses({ age: '30' }, /Person\.age: \$eq expected an integer, got a string/);
  refuses({ age: 1.5 }, /expected an integer/);
  refuses({ age: 2 ** 40 }, /32-bit/);
  refuses({ name: 5 }, /Person\.name: \$eq expected a string/);
  refuses({ email: { $eq: { $ne: null } } }, /Person\.email: \$eq takes a single value, not an object/);
  refuses({ name: { a: 1 } }, /an object is not an equality value \(use \$in/);
  refuses({ name: ['a', 'b'] }, /not an array \(use \$in/);
  refuses({ born: '2024-01-01' }, /expected a Date/);
  refuses({ born: new Date('nope') }, /invalid/);
  refuses({ active: 1 }, /expected a boolean/);
  refuses({ score: Number.NaN }, /finite number/);
  refuses({ balance: 'abc' }, /decimal/);
  refuses({ name: { $like: null } }, /needs a string pattern/);
  refuses({ name: { $regex: null } }, /\$regex needs a string or a RegExp/);
  refuses({ age: { $in: 5 } }, /\$in needs an array/);
  refuses({ age: { $in: [1, [2]] } }, /an element of \$in takes a single value/);
  refuses({ age: { $in: ['1'] } }, /expected an integer/);
  refuses({ age: { $exists: 'yes' } }, /\$exists needs true or false \(or 1 \/ 0\)/);
  refuses({ age: { $gt: [1] } }, /single value, not an array/);
  refuses({ age: { $like: '1%' } }, /\$like works only on string fields and json paths/);
  refuses({ active: /x/ }, /\$regex works only on string fields/);
  refuses({ name: { $eq: /x/ } }, /RegExp is only allowed/);
  refuses({ name: { $like: 'abc\\' } }, /cannot end with an escape/);
});

test('$regex: flags and the portable subset', () => {
  assert.deepEqual(show(parse({ name: { $regex: 'a.c', $options: 'i' } })), ['name', 'regex', '/a.c/i']);
  assert.deepEqual(show(parse({ name: /^[a-z]{2,3}(?:x|y)\d+$/ })), ['name', 'regex', '/^[a-z]{2,3}(?:x|y)\\d+$/']);
  assert.deepEqual(show(parse({ name: { $regex: 'a.c', $options: 'smi' } })), ['name', 'regex', '/a.c/ims']);
  assert.deepEqual(show(parse({ name: /a.c/gms })), ['name', 'regex', '/a.c/ms'], 'g changes nothing for a test');
  assert.deepEqual(show(parse({ name: { $regex: ' a # letter a\n [ ]\\  b ', $options: 'x' } })), ['name', 'regex', '/a[ ]\\ b/']);
  refuses({ name: /a/u }, /options other than i, m, s and x .*got 'u'/);
  refuses({ name: /a/y }, /got 'y'/);
  refuses({ name: { $regex: 'a', $options: 'q' } }, /got 'q'/);
  refuses({ name: { $regex: 'a', $options: 1 } }, /\$options must be a string/);
  const bad: Array<[string, RegExp]> = [
    ['(?=a)', /lookahead/],
    ['(?<!a)b', /lookbehind/],
    ['(?<n>a)', /named group/],
    ['(a)\\1', /backreference/],
    ['\\bword', /word boundary/],
    ['\\p{L}', /unicode property/],
    ['\\u00e9', /\\u escapes/],
    ['\\x41', /\\x escapes/],
    ['(?i)a', /inline flags/],
    ['a*?', /lazy/],
    ['a{2}?', /lazy/],
    ['[[:alpha:]]', /POSIX/],
    ['[\\W]', /inside a bracket class/],
    ['*a', /nothing to repeat/],
    ['a{1000}', /above 255/],
    ['a{3,1}', /below the minimum/],
    ['a{', /not a quantifier/],
    ['(a', /unclosed group/],
    ['a)', /unbalanced/],
    ['[a', /unclosed bracket/],
    ['[]a]', /must be escaped/],
    ['[z-a]', /out of order/],
    ['a\\', /end with a backslash/],
    ['\\A', /escape \\A is not supported/],
    ['\\v', /escape \\v is not supported/],
  ];
  for (const [source, message] of bad) {
    assert.match(regexProblem(source) ?? '(accepted)', message, source);
    refuses({ name: { $regex: source } }, /Person\.name: \$regex: /);
  }
  for (const good of ['', 'a|b', '^$', '[^a-c\\d_]', '\\.\\*\\[\\]', 'x{2,}', '(a(b)c)+', '[-a]', '[a-]', '\\t\\n', 'é+']) {
    assert.equal(regexProblem(good), undefined, good);
  }
});

test('codec fields: equality through the companion, never echoing the value', () => {
  assert.deepEqual(show(parse({ cpf: '123.456.789-09' })), ['cpfBidx', 'eq', 'h:12345678909']);
  assert.deepEqual(show(parse({ cpf: { $ne: '1-2' } })), ['cpfBidx', 'ne', 'h:12']);
  assert.deepEqual(show(parse({ cpf: null })), ['cpf', 'eq', null]);
  assert.deepEqual(show(parse({ cpf: { $ne: null } })), ['cpf', 'ne', null]);
  assert.deepEqual(show(parse({ cpf: { $exists: true } })), ['cpf', 'exists', true]);
  assert.deepEqual(show(parse({ cpf: { $in: ['1', '2'] } })), ['cpfBidx', 'in', ['h:1', 'h:2']]);
  assert.deepEqual(show(parse({ cpf: { $in: ['1', null] } })), { or: [['cpf', 'eq', null], ['cpfBidx', 'in', ['h:1']]] });
  assert.deepEqual(show(parse({ cpf: { $nin: [null, '3'] } })), { and: [['cpf', 'ne', null], ['cpfBidx', 'nin', ['h:3']]] });
  assert.deepEqual(show(parse({ cpf: { $not: { $eq: '9' } } })), { not: ['cpfBidx', 'eq', 'h:9'] });
  assert.deepEqual(show(parse({ notes: null })), ['notes', 'eq', null]);
  refuses({ cpf: { $gt: '111' } }, /encrypted field cpf supports only \$eq, \$ne, \$in, \$nin, \$exists/);
  refuses({ cpf: { $regex: 'x' } }, /encrypted field cpf supports only/);
  refuses({ cpf: /x/ }, /encrypted field cpf supports only/);
  refuses({ cpf__like: '1%' }, /encrypted field cpf supports only/);
  refuses({ 'cpf.x': 1 }, /encrypted field has no paths/);
  refuses({ notes: 'secret-note' }, /not searchable/);
  refuses({ notes: { $in: ['secret-note'] } }, /not searchable/);
  for (const bad of [{ cpf: 12345 }, { cpf: { $in: [98765] } }, { cpf: { $eq: { secret: 'S3CR3T' } } }]) {
    assert.throws(() => parse(bad), (e: unknown) => {
      assert.ok(e instanceof QueryError);
      assert.doesNotMatch(e.message, /12345|98765|S3CR3T/);
      return true;
    });
  }
});

test('parseSort', () => {
  const s = (input: unknown) => parseSort(meta, input).map((x) => [[x.ref.field.property, ...x.ref.path].join('.'), x.direction]);
  assert.deepEqual(s(undefined), []);
  assert.deepEqual(s({ age: 'desc', name: 1 }), [['age', 'desc'], ['name', 'asc']]);
  assert.deepEqual(s('born'), [['born', 'asc']]);
  assert.deepEqual(s(['age', ['name', -1], { 'address.city': 'DESC' }]), [['age', 'asc'], ['name', 'desc'], ['address.city', 'desc']]);
  assert.deepEqual(s(['name', 'desc']), [['name', 'desc']]);
  assert.deepEqual(s(['name', 'age']), [['name', 'asc'], ['age', 'asc']]);
  const bad: Array<[unknown, RegExp]> = [
    [{ nope: 1 }, /unknown field 'nope'/],
    [{ cpfBidx: 1 }, /unknown field/],
    [{ cpf: 1 }, /encrypted field cannot be sorted/],
    [{ age: 'up' }, /direction of 'age'/],
    [{ age: 2 }, /direction/],
    [['age', 'age'], /appears twice/],
    [5, /a sort is/],
    [{ 'name.x': 1 }, /only allowed into json fields/],
  ];
  for (const [input, message] of bad) assert.throws(() => parseSort(meta, input), (e: unknown) => e instanceof QueryError && message.test(e.message));
});

test('Filter<T> and OrderBy<T> types', () => {
  const ok: Filter<Person>[] = [
    { name: 'a', age: { $gte: 1, $in: [1, null] } },
    { born__gte: new Date(), age__in: [1, 2], name__ilike: 'a%', score__ne: null },
    { 'address.city': 'x', 'address.geo.lat': { $gt: 1 }, 'address.tags__in': ['a'] },
    { $or: [{ name: /a/i }, { name: { $not: { $regex: 'b' } } }], $nor: [{ active: true }] },
  ];
  // @ts-expect-error unknown field
  const e1: Filter<Person> = { nope: 1 };
  // @ts-expect-error wrong value type
  const e2: Filter<Person> = { age: 'x' };
  // @ts-expect-error $like on a number field
  const e3: Filter<Person> = { age: { $like: '1%' } };
  // @ts-expect-error methods are not fields
  const e4: Filter<Person> = { greet: 1 };
  // @ts-expect-error dotted paths only into json fields
  const e5: Filter<Person> = { 'name.first': 'x' };
  const orders: OrderBy<Person>[] = ['age', { age: 'desc', 'address.city': 1 }, ['name', ['born', -1]]];
  // @ts-expect-error bad direction
  const e6: OrderBy<Person> = { age: 'up' };
  assert.equal(ok.length + orders.length, 7);
  void [e1, e2, e3, e4, e5, e6];
});

test('MongoDB special cases become plain AST: null ranges, $exists numbers, RegExps in $in, $all, Infinity', () => {
  assert.deepEqual(show(parse({ age: { $gte: null } })), ['age', 'eq', null]);
  assert.deepEqual(show(parse({ age: { $lte: null } })), ['age', 'eq', null]);
  assert.deepEqual(show(parse({ age: { $gt: null } })), { or: [] });
  assert.deepEqual(show(parse({ age: { $lt: null } })), { or: [] });
  assert.deepEqual(show(parse({ age: { $exists: 1 } })), ['age', 'exists', true]);
  assert.deepEqual(show(parse({ age: { $exists: 0 } })), ['age', 'exists', false]);
  assert.deepEqual(show(parse({ name: { $in: ['a', /^b/i, null] } })), { or: [['name', 'in', ['a', null]], ['name', 'regex', '/^b/i']] });
  assert.deepEqual(show(parse({ name: { $nin: [/^b/] } })), { not: ['name', 'regex', '/^b/'] });
  assert.deepEqual(show(parse({ 'address.tags': { $all: ['a', /b/] } })), { and: [['address.tags', 'eq', 'a'], ['address.tags', 'regex', '/b/']] });
  assert.deepEqual(show(parse({ 'address.tags': { $all: [] } })), { or: [] });
  assert.deepEqual(show(parse({ score: { $lt: Infinity, $gt: -Infinity } })), { and: [['score', 'lt', Infinity], ['score', 'gt', -Infinity]] });
  refuses({ age: { $in: [/1/] } }, /a RegExp in \$in works only on string fields/);
  refuses({ age: { $lt: Infinity } }, /expected an integer/);
  refuses({ 'address.n': { $lt: Infinity } }, /compares only strings, finite numbers/);
});

test('$size and $elemMatch: json only, document and value forms', () => {
  assert.deepEqual(show(parse({ 'address.tags': { $size: 2 } })), ['address.tags', 'size', 2]);
  assert.deepEqual(show(parse({ address: { $elemMatch: { code: 'A', 'qty__gt': 1 } } })), {
    elemMatch: ['address', 'document', { and: [['address.code', 'eq', 'A'], ['address.qty', 'gt', 1]] }],
  });
  assert.deepEqual(show(parse({ 'address.n': { $elemMatch: { $gte: 1, $lt: 3 } } })), {
    elemMatch: ['address.n', 'value', { and: [['address', 'gte', 1], ['address', 'lt', 3]] }],
  });
  assert.deepEqual(show(parse({ address: { $elemMatch: { $or: [{ a: 1 }, { b: 2 }] } } })), {
    elemMatch: ['address', 'document', { or: [['address.a', 'eq', 1], ['address.b', 'eq', 2]] }],
  });
  refuses({ age: { $size: 1 } }, /\$size works only on json fields/);
  refuses({ name: { $elemMatch: { $eq: 'a' } } }, /\$elemMatch works only on json fields/);
  refuses({ address: { $size: -1 } }, /non-negative integer/);
  refuses({ address: { $size: 1.5 } }, /non-negative integer/);
  refuses({ address: { $elemMatch: {} } }, /non-empty object/);
  refuses({ address: { $elemMatch: { $in: [/a/, 'b'] } } }, /cannot hold \$in/);
  refuses({ address: { $elemMatch: { 'a..b': 1 } } }, /empty path segment/);
});

test('a NUL character anywhere in a filter is a QueryError that does not echo the value', () => {
  const bad: unknown[] = [
    { name: 'a\u0000secret' },
    { name: { $ne: 'a\u0000secret' } },
    { name: { $in: ['ok', 'a\u0000secret'] } },
    { name: { $like: 'a\u0000secret%' } },
    { name: { $ilike: 'a\u0000secret%' } },
    { name: { $regex: 'a\u0000secret' } },
    { name: { $regex: 'a', $options: 'i\u0000' } },
    { name: new RegExp('a\u0000secret') },
    { 'address.city': 'a\u0000secret' },
    { 'address.tags': ['a\u0000secret'] },
    { 'address.ci\u0000ty': 1 },
    { address: { $elemMatch: { city: 'a\u0000secret' } } },
  ];
  for (const filter of bad) {
    assert.throws(() => parse(filter), (e: unknown) => {
      assert.ok(e instanceof QueryError, `expected QueryError for ${JSON.stringify(filter)}, got ${String(e)}`);
      assert.match(e.message, /NUL/);
      assert.doesNotMatch(e.message, /secret/);
      return true;
    });
  }
});
