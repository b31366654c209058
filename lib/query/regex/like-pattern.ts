import type { RegexNode } from './regex-ast';

/**
 * A SQL LIKE pattern (`%` any run, `_` one character, `\` escapes the next, anchored at both ends) as a regex
 * tree; render it with `dotAll` so that `%` and `_` also match newlines, as in SQL.
 *
 * @example
 * parseLike('jo_o%'); // ^ j o . o .* <end of string>
 */
export function parseLike(pattern: string): RegexNode {
  const items: RegexNode[] = [{ t: 'start' }];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '%') items.push({ t: 'repeat', body: { t: 'any' }, min: 0, max: undefined });
    else if (c === '_') items.push({ t: 'any' });
    else {
      // A trailing backslash was refused by the filter parser; here it would stand for itself.
      const at = c === '\\' && i + 1 < pattern.length ? i + 1 : i;
      const cp = pattern.codePointAt(at)!;
      i = at + (cp > 0xffff ? 1 : 0);
      items.push({ t: 'char', cp });
    }
  }
  items.push({ t: 'eos' });
  return { t: 'seq', items };
}
