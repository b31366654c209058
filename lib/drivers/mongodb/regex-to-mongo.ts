import type { RegexValue } from '../../query/filter-ast';
import { renderRegex, type RegexSyntax } from '../../query/regex/regex-render';

const META = new Set([...'\\^$.|?*+()[]{}'].map((c) => c.codePointAt(0)!));
const CLASS_META = new Set([...'\\[]-^'].map((c) => c.codePointAt(0)!));

/** A control character as `\xhh` (read the same by PCRE and by Python's `re`, which the test stand-in uses). */
function control(cp: number): string | undefined {
  return cp < 0x20 || cp === 0x7f ? `\\x${cp.toString(16).padStart(2, '0')}` : undefined;
}

/**
 * MongoDB's PCRE, written so that only the `i` option is ever sent: `.`, `^` and `$` are spelled out for the
 * flags (`[^\n]`, lookarounds), which keeps the meaning independent of the server's newline convention and
 * of the `m` / `s` options of the engine that answers (the test stand-in is Python's `re`).
 */
const mongoRegexSyntax: RegexSyntax = {
  any: (flags) => (flags.dotAll ? '[\\s\\S]' : '[^\\n]'),
  start: (flags) => (flags.multiline ? '(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))' : '^'),
  end: (flags) => (flags.multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))'),
  eos: '(?![\\s\\S])',
  char: (cp) => control(cp) ?? (META.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
  classChar: (cp) => control(cp) ?? (CLASS_META.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
  foldsCase: false,
};

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
