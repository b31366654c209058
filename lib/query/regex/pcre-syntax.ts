import type { RegexSyntax } from './regex-render';

const META = new Set([...'\\^$.|?*+()[]{}'].map((c) => c.codePointAt(0)!));
const CLASS_META = new Set([...'\\[]-^'].map((c) => c.codePointAt(0)!));

/** A control character as `\xhh` (read the same by PCRE, ICU and Python's `re`). */
function control(cp: number): string | undefined {
  return cp < 0x20 || cp === 0x7f ? `\\x${cp.toString(16).padStart(2, '0')}` : undefined;
}

/**
 * The syntax of PCRE-like engines (PCRE, PCRE2, ICU, Python's `re`) with `.`, `^` and `$` spelled out for MongoDB's
 * flags (`[^\n]`, lookarounds), so that no engine option is relied on: the meaning does not depend on the server's
 * newline convention or on its `m` / `s` options. With `foldsCase`, case-insensitivity is written into the pattern.
 */
export function pcreSyntax(foldsCase: boolean): RegexSyntax {
  return {
    any: (flags) => (flags.dotAll ? '[\\s\\S]' : '[^\\n]'),
    start: (flags) => (flags.multiline ? '(?:(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S]))' : '^'),
    end: (flags) => (flags.multiline ? '(?=\\n|(?![\\s\\S]))' : '(?=\\n?(?![\\s\\S]))'),
    eos: '(?![\\s\\S])',
    char: (cp) => control(cp) ?? (META.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
    classChar: (cp) => control(cp) ?? (CLASS_META.has(cp) ? `\\${String.fromCodePoint(cp)}` : String.fromCodePoint(cp)),
    foldsCase,
  };
}
