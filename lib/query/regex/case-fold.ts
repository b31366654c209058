import type { CodeRange } from './regex-ast';

/** The highest code point with a case mapping (Adlam, U+1E943), rounded up. */
const LAST_CASED = 0x1e9ff;

let classes: Map<number, readonly number[]> | undefined;

/**
 * The code points that match `cp` case-insensitively under Unicode simple case folding (as MongoDB's PCRE and
 * JavaScript's `iu` regular expressions do), `cp` included, in ascending order. A character without case partners
 * gives `[cp]`. Built once from the runtime's Unicode tables, so every backend gets the same classes.
 *
 * @example
 * caseVariants(0x73);  // [0x53, 0x73, 0x17f]   S s ſ
 * caseVariants(0xe3);  // [0xc3, 0xe3]          Ã ã
 */
export function caseVariants(cp: number): readonly number[] {
  classes ??= buildClasses();
  return classes.get(cp) ?? [cp];
}

/** Adds to a set of ranges every case variant of its members. */
export function foldRanges(ranges: readonly CodeRange[]): CodeRange[] {
  classes ??= buildClasses();
  const out: CodeRange[] = [...ranges];
  for (const [cp, variants] of classes) {
    if (ranges.some(([lo, hi]) => cp >= lo && cp <= hi)) for (const v of variants) out.push([v, v]);
  }
  return mergeRanges(out);
}

/** Sorts and merges overlapping or adjacent ranges. */
export function mergeRanges(ranges: readonly CodeRange[]): CodeRange[] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** Whether two code points match each other case-insensitively, as a Unicode RegExp decides. */
function sameFold(a: number, b: number): boolean {
  const literal = String.fromCodePoint(a).replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  return a === b || new RegExp(`^${literal}$`, 'iu').test(String.fromCodePoint(b));
}

function single(s: string): number | undefined {
  const cp = s.codePointAt(0)!;
  return s.length === (cp > 0xffff ? 2 : 1) ? cp : undefined;
}

/**
 * Joins every code point with its one-character lower and upper case mappings, then splits each group by what a
 * case-insensitive Unicode RegExp accepts: `ı` uppercases to `I` but folds to itself, so it stays apart from `i`.
 */
function buildClasses(): Map<number, readonly number[]> {
  const parent = new Map<number, number>();
  const find = (x: number): number => {
    let root = x;
    while (parent.has(root) && parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (let cp = 0; cp <= LAST_CASED; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const s = String.fromCodePoint(cp);
    const lower = s.toLowerCase();
    const upper = s.toUpperCase();
    if (lower === s && upper === s) continue;
    for (const other of [single(lower), single(upper)]) {
      if (other !== undefined && other !== cp) parent.set(find(cp), find(other));
    }
  }
  const groups = new Map<number, number[]>();
  for (const cp of parent.keys()) {
    const root = find(cp);
    const members = groups.get(root) ?? [];
    members.push(cp);
    groups.set(root, members);
  }
  const out = new Map<number, readonly number[]>();
  for (const members of groups.values()) {
    members.sort((x, y) => x - y);
    // A pair is always one class; a larger group can hold a character that maps only one way (ı → I, not back).
    for (const cp of members) out.set(cp, members.length === 2 ? members : members.filter((m) => sameFold(cp, m)));
  }
  return out;
}
