import { DIGIT, SPACE, WORD, type CodeRange, type RegexNode } from './regex-ast';

/**
 * Parses a regular expression of the subset that MongoDB (PCRE), PostgreSQL (once translated) and JavaScript
 * read the same way: literals, escaped metacharacters, `.`, `^`, `$`, bracket classes, `\d \D \w \W \s \S`,
 * `\t \n \r \f`, greedy quantifiers `* + ? {n} {n,} {n,m}` (n, m ≤ 255), groups `( )` and `(?: )`,
 * alternation `|`. Anything else is refused with a message saying what and why: a RegexRefusal.
 *
 * @example
 * parseRegex('^ab+c$'); // { t: 'seq', items: [{ t: 'start' }, ...] }
 * parseRegex('(?=a)');   // throws RegexRefusal('lookaheads are not supported')
 */
export function parseRegex(source: string): RegexNode {
  return new Scanner(source).pattern();
}

/** A pattern outside the portable subset. */
export class RegexRefusal extends Error {}

const refuse = (message: string): never => {
  throw new RegexRefusal(message);
};

/** Characters that must be escaped to be literals outside a bracket class. */
const META = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
/** Punctuation that may follow a backslash (an identity escape in every engine). */
const ESCAPABLE = new Set([...META, '/', '-', ',', ':', '=', '!', '<', '>', '#', '&', '~', "'", '"', '%', '@', '`', ';', '_', ' ']);
const CLASS_ESCAPES: Record<string, { ranges: readonly CodeRange[]; negated: boolean }> = {
  d: { ranges: DIGIT, negated: false },
  D: { ranges: DIGIT, negated: true },
  w: { ranges: WORD, negated: false },
  W: { ranges: WORD, negated: true },
  s: { ranges: SPACE, negated: false },
  S: { ranges: SPACE, negated: true },
};
// Not \v: PCRE reads it as any vertical whitespace, JavaScript as the one character U+000B.
const CONTROL_ESCAPES = new Map([['t', 9], ['n', 10], ['f', 12], ['r', 13]]);
const MAX_REPEAT = 255;

type Atom = { node: RegexNode; quantifiable: boolean | 'astral' };

class Scanner {
  private i = 0;
  private depth = 0;

  constructor(private readonly s: string) {}

  pattern(): RegexNode {
    const node = this.alternation();
    if (this.i < this.s.length) refuse(`unbalanced ')' at position ${this.i}`);
    return node;
  }

  private alternation(): RegexNode {
    const alts = [this.sequence()];
    while (this.s[this.i] === '|') {
      this.i++;
      alts.push(this.sequence());
    }
    return alts.length === 1 ? alts[0]! : { t: 'alt', alts };
  }

  private sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (this.i < this.s.length && this.s[this.i] !== '|' && !(this.s[this.i] === ')' && this.depth > 0)) {
      items.push(this.quantifier(this.atom()));
    }
    return items.length === 1 ? items[0]! : { t: 'seq', items };
  }

  private atom(): Atom {
    const c = this.s[this.i]!;
    switch (c) {
      case '^':
      case '$':
        this.i++;
        return { node: { t: c === '^' ? 'start' : 'end' }, quantifiable: false };
      case '.':
        this.i++;
        return { node: { t: 'any' }, quantifiable: true };
      case '(':
        return { node: this.group(), quantifiable: true };
      case '[':
        return { node: this.bracket(), quantifiable: true };
      case '\\': {
        const e = this.escape(false);
        return { node: typeof e === 'number' ? { t: 'char', cp: e } : { t: 'set', ...e }, quantifiable: true };
      }
      case ')':
        return refuse(`unbalanced ')' at position ${this.i}`);
      case '*':
      case '+':
      case '?':
        return refuse(`a quantifier '${c}' at position ${this.i} has nothing to repeat`);
      case '{':
        return refuse(`a '{' that is not a quantifier must be escaped (position ${this.i})`);
      case '}':
      case ']':
        return refuse(`a literal '${c}' must be escaped (position ${this.i})`);
      default: {
        const cp = this.s.codePointAt(this.i)!;
        this.i += cp > 0xffff ? 2 : 1;
        // JavaScript (without the u flag) would repeat only the second half of a surrogate pair.
        return { node: { t: 'char', cp }, quantifiable: cp <= 0xffff ? true : 'astral' };
      }
    }
  }

  private group(): RegexNode {
    this.i++;
    if (this.s[this.i] === '?') {
      const next = this.s[this.i + 1];
      const after = this.s[this.i + 2];
      if (next === ':') this.i += 2;
      else if (next === '=' || next === '!') refuse('lookaheads are not supported');
      else if (next === '<' && (after === '=' || after === '!')) refuse('lookbehinds are not supported');
      else if (next === '<' || next === 'P' || next === "'") refuse('named groups are not supported');
      else if (next === '#') refuse('comments are not supported');
      else refuse('inline flags and other (?...) constructs are not supported (use $options: "i", "m", "s" or "x")');
    }
    this.depth++;
    const body = this.alternation();
    this.depth--;
    if (this.s[this.i] !== ')') refuse(`unclosed group`);
    this.i++;
    return { t: 'group', body };
  }

  private bracket(): RegexNode {
    const start = this.i;
    this.i++;
    const negated = this.s[this.i] === '^';
    if (negated) this.i++;
    if (this.s[this.i] === ']') refuse(`a ']' first in a bracket class must be escaped (position ${this.i})`);
    const ranges: CodeRange[] = [];
    let prev: number | undefined;
    let count = 0;
    while (this.i < this.s.length && this.s[this.i] !== ']') {
      const c = this.s[this.i]!;
      if (c === '[') {
        const n = this.s[this.i + 1];
        if (n === ':' || n === '=' || n === '.') refuse('POSIX bracket classes ([:alpha:] ...) are not supported');
        refuse(`a '[' inside a bracket class must be escaped (position ${this.i})`);
      }
      if (c === '-' && count > 0 && this.s[this.i + 1] !== ']') {
        if (prev === undefined) refuse(`a '-' in a bracket class must be escaped unless it starts a range, or is first or last (position ${this.i})`);
        this.i++;
        const end = this.classMember();
        if (typeof end !== 'number') return refuse('a range in a bracket class must end with a single character');
        if (end < prev!) refuse('a range in a bracket class is out of order');
        ranges[ranges.length - 1] = [prev!, end];
        prev = undefined;
      } else {
        const member = this.classMember();
        if (typeof member === 'number') ranges.push([member, member]);
        else ranges.push(...member);
        prev = typeof member === 'number' ? member : undefined;
      }
      count++;
    }
    if (this.i >= this.s.length) refuse(`unclosed bracket class starting at position ${start}`);
    if (count === 0) refuse('empty bracket classes are not supported');
    this.i++;
    return { t: 'set', negated, ranges };
  }

  /** One member of a bracket class: a code point, or the ranges of a class escape (\\d ...). */
  private classMember(): number | readonly CodeRange[] {
    const c = this.s[this.i]!;
    if (c !== '\\') {
      const cp = this.s.codePointAt(this.i)!;
      if (cp > 0xffff) refuse('characters outside the Basic Multilingual Plane are not supported in a bracket class');
      this.i++;
      return cp;
    }
    const e = this.s[this.i + 1];
    if (e === 'D' || e === 'W' || e === 'S') refuse(`\\${e} inside a bracket class is not supported`);
    const escaped = this.escape(true);
    return typeof escaped === 'number' ? escaped : escaped.ranges;
  }

  /** Reads a backslash escape: the code point it stands for, or a class escape's set. */
  private escape(inClass: boolean): number | { ranges: readonly CodeRange[]; negated: boolean } {
    const e = this.s[this.i + 1];
    if (e === undefined) return refuse('a pattern cannot end with a backslash');
    const set = CLASS_ESCAPES[e];
    if (set) {
      this.i += 2;
      return set;
    }
    if (CONTROL_ESCAPES.has(e) || ESCAPABLE.has(e)) {
      this.i += 2;
      return CONTROL_ESCAPES.get(e) ?? e.codePointAt(0)!;
    }
    if (e === 'b' || e === 'B') refuse(`\\${e} (word boundary) is not supported`);
    if (/[1-9]/.test(e) || e === 'k') refuse('backreferences are not supported');
    if (e === 'p' || e === 'P') refuse('unicode property escapes (\\p{...}) are not supported');
    if (e === 'u' || e === 'x' || e === '0' || e === 'c') refuse(`\\${e} escapes are not supported (write the character itself)`);
    return refuse(`the escape \\${e} is not supported${inClass ? ' in a bracket class' : ''}`);
  }

  private quantifier(atom: Atom): RegexNode {
    const c = this.s[this.i];
    let bounds: [number, number | undefined] | undefined;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      bounds = c === '*' ? [0, undefined] : c === '+' ? [1, undefined] : [0, 1];
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) return refuse(`a '{' that is not a quantifier must be escaped (position ${this.i})`);
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] ? Number(m[3]) : undefined;
      if (min > MAX_REPEAT || (max ?? 0) > MAX_REPEAT) refuse(`repetition counts above ${MAX_REPEAT} are not supported`);
      if (max !== undefined && max < min) refuse(`in {${min},${max}} the maximum is below the minimum`);
      this.i += m[0].length;
      bounds = [min, max];
    }
    if (!bounds) return atom.node;
    if (atom.quantifiable === 'astral') refuse('a quantifier cannot follow a character outside the Basic Multilingual Plane');
    if (!atom.quantifiable) refuse(`a quantifier at position ${this.i - 1} has nothing to repeat`);
    const next = this.s[this.i];
    if (next === '?') refuse('lazy quantifiers (*?, +?, ??, {n}?) are not supported');
    if (next === '+') refuse('possessive quantifiers are not supported');
    if (next === '*' || next === '{') refuse(`a quantifier cannot follow another quantifier (position ${this.i})`);
    return { t: 'repeat', body: atom.node, min: bounds[0], max: bounds[1] };
  }
}
