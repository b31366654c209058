import { parseLike } from '../../query/regex/like-pattern';
import type { RegexFlags } from '../../query/regex/regex-ast';
import { renderRegex, type RegexSyntax } from '../../query/regex/regex-render';
import type { RegexValue } from '../../query/filter-ast';

const META = new Set([...'\\^$.|?*+()[]{}'].map((c) => c.codePointAt(0)!));
const CLASS_META = new Set([...'\\[]-^'].map((c) => c.codePointAt(0)!));

function control(cp: number): string | undefined {
  return cp < 0x20 || cp === 0x7f ? `\\x${cp.toString(16).padStart(2, '0')}` : undefined;
}

/**
 * `REGEXP` patterns for MariaDB's PCRE2 and MySQL 8's ICU alike: `.`, `^` and `$` are spelled out for MongoDB's
 * flags (no engine options are relied on), and case-insensitivity is written into the pattern (`é` → `[Éé]`),
 * since the columns' binary collations make `REGEXP` case-sensitive.
 */
const mysqlRegexSyntax: RegexSyntax = {
  any: (flags) => (flags.dotAll ? '[\\s\\S]' : '[^\\n]'),
  start: (flags) => (flags.multiline ? '(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))' : '^'),
  end: (flags) => (flags.multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))'),
  eos: '(?![\\s\\S])',
  char: (cp) => control(cp) ?? (META.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
  classChar: (cp) => control(cp) ?? (CLASS_META.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
  foldsCase: true,
};

/** A `$regex` as a pattern for `REGEXP`. */
export function mysqlRegex(re: RegexValue): string {
  return renderRegex(re.tree, re.flags, mysqlRegexSyntax);
}

const ILIKE_FLAGS: RegexFlags = { ignoreCase: true, multiline: false, dotAll: true };

/** An `$ilike` pattern as a `REGEXP` pattern folding every Unicode letter. */
export function mysqlIlike(pattern: string): string {
  return renderRegex(parseLike(pattern), ILIKE_FLAGS, mysqlRegexSyntax);
}
