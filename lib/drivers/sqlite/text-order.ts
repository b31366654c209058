/** A UTF-16 code unit moved so that code units compare in code point order (surrogates above U+E000–U+FFFF). */
const rank = (unit: number): number => (unit < 0xd800 ? unit : unit < 0xe000 ? unit + 0x2000 : unit - 0x800);

/**
 * Compares strings by code points, which is how SQLite's BINARY collation compares their UTF-8 bytes (JavaScript's `<`
 * compares UTF-16 code units, which puts U+E000–U+FFFF after the astral planes).
 *
 * @example
 * compareText('\uffff', '😀') < 0; // true ('😀' is U+1F600)
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return rank(x) - rank(y);
  }
  return a.length - b.length;
}
