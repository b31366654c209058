import { caseVariants, foldRanges, mergeRanges } from './case-fold';
import type { CodeRange, RegexFlags, RegexNode } from './regex-ast';

/** How one engine writes the pieces of a pattern whose spelling differs between engines. */
export interface RegexSyntax {
  /** `.` for these flags. */
  any(flags: RegexFlags): string;
  /** `^` and `$` with MongoDB's meaning for these flags. */
  start(flags: RegexFlags): string;
  end(flags: RegexFlags): string;
  /** The very end of the string. */
  eos: string;
  /** A code point outside a bracket class (escaped when it is a metacharacter or a control character). */
  char(cp: number): string;
  /** A code point inside a bracket class. */
  classChar(cp: number): string;
  /** Whether case-insensitivity is written into the pattern (true) or left to the engine's own option (false). */
  foldsCase: boolean;
}

/**
 * Writes a parsed pattern for one engine. With `foldsCase` and the `i` flag, every literal and every class
 * member is replaced by its case variants (`ã` → `[Ãã]`), so the engine needs no case-insensitive mode.
 *
 * @example
 * renderRegex(parseRegex('^jo.o$'), { ignoreCase: true, multiline: false, dotAll: false }, postgresRegexSyntax);
 */
export function renderRegex(node: RegexNode, flags: RegexFlags, syntax: RegexSyntax): string {
  const fold = flags.ignoreCase && syntax.foldsCase;
  const set = (negated: boolean, ranges: readonly CodeRange[]): string => {
    const merged = fold ? foldRanges(ranges) : mergeRanges(ranges);
    const body = merged
      .map(([lo, hi]) => (lo === hi ? syntax.classChar(lo) : `${syntax.classChar(lo)}${hi === lo + 1 ? '' : '-'}${syntax.classChar(hi)}`))
      .join('');
    return `[${negated ? '^' : ''}${body}]`;
  };
  const walk = (n: RegexNode): string => {
    switch (n.t) {
      case 'alt':
        return n.alts.map(walk).join('|');
      case 'seq':
        return n.items.map(walk).join('');
      case 'group':
        return `(?:${walk(n.body)})`;
      case 'char': {
        const variants = fold ? caseVariants(n.cp) : [n.cp];
        return variants.length === 1 ? syntax.char(n.cp) : set(false, variants.map((v) => [v, v]));
      }
      case 'set':
        return set(n.negated, n.ranges);
      case 'any':
        return syntax.any(flags);
      case 'start':
        return syntax.start(flags);
      case 'end':
        return syntax.end(flags);
      case 'eos':
        return syntax.eos;
      case 'repeat': {
        const q = n.max === undefined ? (n.min === 0 ? '*' : n.min === 1 ? '+' : `{${n.min},}`) : n.min === n.max ? `{${n.min}}` : n.min === 0 && n.max === 1 ? '?' : `{${n.min},${n.max}}`;
        return `${atomic(n.body) ? walk(n.body) : `(?:${walk(n.body)})`}${q}`;
      }
    }
  };
  return walk(node);
}

/** Whether a node renders as one quantifiable unit (every syntax writes `.` as one atom or one class). */
function atomic(n: RegexNode): boolean {
  return n.t === 'group' || n.t === 'set' || n.t === 'char' || n.t === 'any';
}
