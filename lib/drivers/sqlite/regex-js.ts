import { parseLike } from '../../query/regex/like-pattern';
import type { RegexFlags } from '../../query/regex/regex-ast';
import { renderRegex, type RegexSyntax } from '../../query/regex/regex-render';
import type { RegexValue } from '../../query/filter-ast';

const META = new Set([...'\\^$.|?*+()[]{}'].map((c) => c.codePointAt(0)!));
const CLASS_META = new Set([...'\\[]-^'].map((c) => c.codePointAt(0)!));

/** A control character as a `\u{...}` escape (valid with the `u` flag the pattern is compiled with). */
function control(cp: number): string | undefined {
  return cp < 0x20 || cp === 0x7f ? `\\u{${cp.toString(16)}}` : undefined;
}

/**
 * JavaScript regular expressions compiled with the `u` flag alone (code points, no other flag): MongoDB's meaning is
 * written out as in PostgreSQL's syntax. `.` is `[^\n]` (JavaScript's own `.` also refuses `\r`, U+2028 and U+2029),
 * `$` also matches before a final newline, `m` makes `^`/`$` match at inner lines; case-insensitivity is written
 * into the pattern with the same case classes as every other backend.
 */
export const jsRegexSyntax: RegexSyntax = {
  any: (flags: RegexFlags) => (flags.dotAll ? '[^]' : '[^\\n]'),
  start: (flags: RegexFlags) => (flags.multiline ? '(?:^|(?<=\\n)(?=[^]))' : '^'),
  end: (flags: RegexFlags) => (flags.multiline ? '(?=\\n|$)' : '(?=\\n?$)'),
  eos: '$',
  char: (cp) => control(cp) ?? (META.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
  classChar: (cp) => control(cp) ?? (CLASS_META.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
  foldsCase: true,
};

/** A `$regex` as the source of a JavaScript RegExp (flag `u`). */
export function jsRegex(re: RegexValue): string {
  return renderRegex(re.tree, re.flags, jsRegexSyntax);
}

const LIKE_FLAGS: RegexFlags = { ignoreCase: false, multiline: false, dotAll: true };
const ILIKE_FLAGS: RegexFlags = { ...LIKE_FLAGS, ignoreCase: true };

/** A `$like` pattern (or, with `ignoreCase`, an `$ilike` one) as the source of a JavaScript RegExp (flag `u`). */
export function jsLike(pattern: string, ignoreCase: boolean): string {
  return renderRegex(parseLike(pattern), ignoreCase ? ILIKE_FLAGS : LIKE_FLAGS, jsRegexSyntax);
}

const MAX_CACHED = 500;
const compiled = new Map<string, RegExp>();

/** The compiled RegExp of a source from {@link jsRegex} / {@link jsLike}, from a bounded cache. */
export function compiledRegex(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) {
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    compiled.set(source, (re = new RegExp(source, 'u')));
  }
  return re;
}
