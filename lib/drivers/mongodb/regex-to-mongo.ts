import type { RegexValue } from '../../query/filter-ast';
import { pcreSyntax } from '../../query/regex/pcre-syntax';
import { renderRegex } from '../../query/regex/regex-render';

/** Only the `i` option is ever sent. */
const mongoRegexSyntax = pcreSyntax(false);

/**
 * A `$regex` as a MongoDB `$regex` / `$options` pair; MongoDB folds case itself (Unicode simple case folding).
 *
 * @example
 * mongoRegex(parseRegexOperand('T.f', /^a.b/i, undefined)); // { $regex: '^a[^\\n]b', $options: 'i' }
 */
export function mongoRegex(re: RegexValue): { $regex: string; $options?: string } {
  const source = renderRegex(re.tree, re.flags, mongoRegexSyntax);
  return re.flags.ignoreCase ? { $regex: source, $options: 'i' } : { $regex: source };
}
