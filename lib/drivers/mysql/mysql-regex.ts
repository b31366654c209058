import { parseLike } from '../../query/regex/like-pattern';
import type { RegexFlags } from '../../query/regex/regex-ast';
import { pcreSyntax } from '../../query/regex/pcre-syntax';
import { renderRegex } from '../../query/regex/regex-render';
import type { RegexValue } from '../../query/filter-ast';

/**
 * `REGEXP` patterns for MariaDB's PCRE2 and MySQL 8's ICU alike; case-insensitivity is written into the pattern
 * (`é` → `[Éé]`), since the columns' binary collations make `REGEXP` case-sensitive.
 */
const mysqlRegexSyntax = pcreSyntax(true);

/** A `$regex` as a pattern for `REGEXP`. */
export function mysqlRegex(re: RegexValue): string {
  return renderRegex(re.tree, re.flags, mysqlRegexSyntax);
}

const ILIKE_FLAGS: RegexFlags = { ignoreCase: true, multiline: false, dotAll: true };

/** An `$ilike` pattern as a `REGEXP` pattern folding every Unicode letter. */
export function mysqlIlike(pattern: string): string {
  return renderRegex(parseLike(pattern), ILIKE_FLAGS, mysqlRegexSyntax);
}
