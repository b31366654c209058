import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { postgresIlike, postgresRegex } from '../../lib/drivers/postgres-dialect/pg-regex';
import { mongoRegex } from '../../lib/drivers/mongodb/regex-to-mongo';
import { parseRegexOperand } from '../../lib/query/filter-regex-operand';
import { caseVariants, foldRanges } from '../../lib/query/regex/case-fold';
import { stripVerbose } from '../../lib/query/regex/regex-verbose';

const parsed = (r: RegExp | string, options?: string) => parseRegexOperand('T.f', r, options);
const cp = (s: string) => s.codePointAt(0)!;
const chars = (cps: readonly number[]) => cps.map((c) => String.fromCodePoint(c)).join('');

test('case variants follow Unicode simple case folding', () => {
  assert.equal(chars(caseVariants(cp('ã'))), 'Ãã');
  assert.equal(chars(caseVariants(cp('ç'))), 'Çç');
  assert.equal(chars(caseVariants(cp('ж'))), 'Жж');
  assert.equal(chars(caseVariants(cp('s'))), 'Ssſ');
  assert.equal(chars(caseVariants(cp('k'))), 'Kk\u212a');
  assert.equal(chars(caseVariants(cp('σ'))), 'Σςσ');
  assert.equal(chars(caseVariants(cp('ǅ'))), 'Ǆǅǆ');
  assert.equal(chars(caseVariants(cp('i'))), 'Ii', 'dotless ı uppercases to I but does not fold to i');
  assert.equal(chars(caseVariants(cp('ı'))), 'ı');
  assert.equal(chars(caseVariants(cp('1'))), '1');
  assert.deepEqual(foldRanges([[cp('a'), cp('c')]]), [[cp('A'), cp('C')], [cp('a'), cp('c')]]);
});

test('PostgreSQL patterns spell out MongoDB’s meaning of ., ^, $ and the flags', () => {
  const table: Array<[RegExp | string, string | undefined, string]> = [
    [/a.b/, undefined, 'a[^\\n]b'],
    [/a.b/s, undefined, 'a.b'],
    [/^a$/, undefined, '^a(?=\\n?$)'],
    [/^a$/m, undefined, '(?:^|(?<=\\n)(?=.))a(?=\\n|$)'],
    [/\d\s\w/, undefined, '[0-9][\\t-\\r ][0-9A-Z_a-z]'],
    [/[^\d-]/, undefined, '[^\\-0-9]'],
    [/joão/i, undefined, '[Jj][Oo][Ãã][Oo]'],
    [/[à-ê]/i, undefined, '[À-Êà-ê\u212b]'], // U+212B ANGSTROM SIGN folds to å
    [/a{2,3}(?:b|c)+/, undefined, 'a{2,3}(?:b|c)+'],
    [/\.\*\[\]\{\}\(\)\|\^\$\\/, undefined, '\\.\\*\\[\\]\\{\\}\\(\\)\\|\\^\\$\\\\'],
    [/\t\r\f/, undefined, '\\t\\r\\f'],
    ['a b # comment\n c', 'x', 'abc'],
  ];
  for (const [source, options, expected] of table) assert.equal(postgresRegex(parsed(source, options)), expected, String(source));
  assert.equal(postgresIlike('joão%'), '^[Jj][Oo][Ãã][Oo].*$');
  assert.equal(postgresIlike('50\\%_'), '^50%.$');
});

test('MongoDB patterns behave as PCRE (checked with JavaScript, which reads the same spelling)', () => {
  const matches = (r: RegExp | string, text: string, options?: string) => {
    const m = mongoRegex(parsed(r, options));
    return new RegExp(m.$regex, m.$options ?? '').test(text);
  };
  assert.equal(matches(/a$/, 'a\n'), true, '$ before a final newline');
  assert.equal(matches(/a$/, 'a\n\n'), false);
  assert.equal(matches(/a.b/, 'a\nb'), false);
  assert.equal(matches(/a.b/s, 'a\nb'), true);
  assert.equal(matches(/^b/m, 'a\nb'), true);
  assert.equal(matches(/^$/m, 'a\n'), false, 'multiline ^ does not match after a final newline');
  assert.equal(matches(/^\d$/, '٣'), false, '\\d is ASCII');
  assert.equal(matches(/conceição/i, 'CONCEIÇÃO'), true);
  assert.equal(mongoRegex(parsed(/x/i)).$options, 'i');
  assert.equal(mongoRegex(parsed(/x/ms)).$options, undefined, 'm and s are written into the pattern');
});

test('the x option drops whitespace and comments outside classes, keeps escapes', () => {
  assert.equal(stripVerbose('\\d+ # digits\n [a b]'), '\\d+[a b]');
  assert.equal(stripVerbose('a\\ b\\#c # d'), 'a\\ b\\#c');
  assert.equal(stripVerbose('[]# ]x'), '[]# ]x', 'a ] first in a class is a literal');
});
