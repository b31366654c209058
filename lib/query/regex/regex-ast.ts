/** An inclusive range of code points. */
export type CodeRange = readonly [number, number];

/**
 * A parsed regular expression of the portable subset (see `parseRegex`). Class escapes (`\d \w \s` and their
 * negations) are already sets of ASCII ranges, so every renderer writes the same characters for them.
 */
export type RegexNode =
  | { readonly t: 'alt'; readonly alts: readonly RegexNode[] }
  | { readonly t: 'seq'; readonly items: readonly RegexNode[] }
  | { readonly t: 'group'; readonly body: RegexNode }
  | { readonly t: 'char'; readonly cp: number }
  | { readonly t: 'set'; readonly negated: boolean; readonly ranges: readonly CodeRange[] }
  /** `.`: any character but a newline, unless the `s` flag is set. */
  | { readonly t: 'any' }
  /** `^` and `$` with MongoDB's (PCRE's) meaning, which the `m` flag changes. */
  | { readonly t: 'start' }
  | { readonly t: 'end' }
  /** The very end of the string, whatever the flags (SQL LIKE patterns end with it). */
  | { readonly t: 'eos' }
  | { readonly t: 'repeat'; readonly body: RegexNode; readonly min: number; readonly max: number | undefined };

/** The flags that change what a pattern means (MongoDB's `$options` i, m, s; x is applied while parsing). */
export interface RegexFlags {
  readonly ignoreCase: boolean;
  readonly multiline: boolean;
  readonly dotAll: boolean;
}

/** `\d`, `\w` and `\s` as MongoDB (PCRE without Unicode properties) reads them: ASCII only. */
export const DIGIT: readonly CodeRange[] = [[0x30, 0x39]];
export const WORD: readonly CodeRange[] = [[0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]];
export const SPACE: readonly CodeRange[] = [[0x09, 0x0d], [0x20, 0x20]];
