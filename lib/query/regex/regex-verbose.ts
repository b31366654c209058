/** The whitespace PCRE's extended mode skips. */
const SKIPPED = new Set([' ', '\t', '\n', '\v', '\f', '\r']);

/**
 * Applies the `x` option as MongoDB (PCRE) does, so that no backend needs it: outside bracket classes, unescaped
 * whitespace is dropped and `#` starts a comment that runs to the next newline. Escaped characters and bracket
 * classes are kept as they are.
 *
 * @example
 * stripVerbose('\\d+ # digits\n [a b]'); // '\\d+[a b]'
 */
export function stripVerbose(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      out += c + (source[i + 1] ?? '');
      i++;
    } else if (inClass) {
      if (c === ']') inClass = false;
      out += c;
    } else if (c === '[') {
      inClass = true;
      out += c;
      // A ']' first in the class (after an optional '^') is a literal in PCRE: copy it so it does not close the class.
      if (source[i + 1] === '^') out += source[++i];
      if (source[i + 1] === ']') out += source[++i];
    } else if (c === '#') {
      while (i + 1 < source.length && source[i + 1] !== '\n') i++;
    } else if (!SKIPPED.has(c)) {
      out += c;
    }
  }
  return out;
}
