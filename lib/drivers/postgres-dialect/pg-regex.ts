import { parseLike } from '../../query/regex/like-pattern';
import type { RegexFlags } from '../../query/regex/regex-ast';
import { renderRegex, type RegexSyntax } from '../../query/regex/regex-render';
import type { RegexValue } from '../../query/filter-ast';

const META = new Set([...'\\^$.|?*+()[]{}'].map((c) => c.codePointAt(0)!));
const CLASS_META = new Set([...'\\[]-^'].map((c) => c.codePointAt(0)!));
const CONTROL: Record<number, string> = { 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };

/** A control character as an ARE character-entry escape (`\u` takes exactly four hex digits). */
function control(cp: number): string | undefined {
  if (cp >= 0x20 && cp !== 0x7f) return undefined;
  return CONTROL[cp] ?? `\\u${cp.toString(16).padStart(4, '0')}`;
}

/**
 * PostgreSQL's advanced regular expressions, run without embedded options: `.` and `[^...]` match a newline,
 * `^` and `$` only match at the ends of the string. MongoDB's meaning is written out explicitly: `.` excludes
 * the newline unless `s`, `$` also matches before a final newline, `m` makes `^`/`$` match at inner lines.
 * Case-insensitivity is written into the pattern, since `~*` folds only ASCII under COLLATE "C".
 */
export const postgresRegexSyntax: RegexSyntax = {
  any: (flags: RegexFlags) => (flags.dotAll ? '.' : '[^\\n]'),
  // PCRE's multiline `^` does not match after a newline that ends the string.
  start: (flags: RegexFlags) => (flags.multiline ? '(?:^|(?<=\\n)(?=.))' : '^'),
  end: (flags: RegexFlags) => (flags.multiline ? '(?=\\n|$)' : '(?=\\n?$)'),
  eos: '$',
  char: (cp) => control(cp) ?? (META.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
  classChar: (cp) => control(cp) ?? (CLASS_META.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
  foldsCase: true,
};

/** A `$regex` as a PostgreSQL pattern for the `~` operator. */
export function postgresRegex(re: RegexValue): string {
  return renderRegex(re.tree, re.flags, postgresRegexSyntax);
}

const ILIKE_FLAGS: RegexFlags = { ignoreCase: true, multiline: false, dotAll: true };

/** An `$ilike` pattern as a PostgreSQL pattern for `~`, folding every Unicode letter (ILIKE folds ASCII only under "C"). */
export function postgresIlike(pattern: string): string {
  return renderRegex(parseLike(pattern), ILIKE_FLAGS, postgresRegexSyntax);
}
