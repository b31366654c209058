/**
 * The regular-expression subset that JavaScript, PostgreSQL ARE and MongoDB (PCRE) read the same way:
 * literals, escaped metacharacters, `.`, `^`, `$`, bracket classes, `\d \D \w \W \s \S`, `\t \n \r`,
 * greedy quantifiers `* + ? {n} {n,} {n,m}` (n, m ≤ 255), groups `( )` and `(?: )`, alternation `|`.
 *
 * @example
 * regexProblem('^ab+c$'); // undefined
 * regexProblem('(?=a)');   // 'lookarounds are not supported'
 */
export function regexProblem(source: string): string | undefined {
  try {
    new Scanner(source).pattern();
    return undefined;
  } catch (e) {
    if (e instanceof RegexRefusal) return e.message;
    throw e;
  }
}

class RegexRefusal extends Error {}

const refuse = (message: string): never => {
  throw new RegexRefusal(message);
};

/** Characters that must be escaped to be literals outside a bracket class. */
const META = new Set(['\\', '^', '$', '.', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']);
/** Punctuation that may follow a backslash (an identity escape in all three engines). */
const ESCAPABLE = new Set([...META, '/', '-', '.', ',', ':', '=', '!', '<', '>', '#', '&', '~', "'", '"', '%', '@', '`', ';', '_', ' ']);
const CLASS_ESCAPES = new Set(['d', 'D', 'w', 'W', 's', 'S']);
const CONTROL_ESCAPES = new Map([['t', '\t'], ['n', '\n'], ['r', '\r']]);
const MAX_REPEAT = 255;

class Scanner {
  private i = 0;
  private depth = 0;

  constructor(private readonly s: string) {}

  pattern(): void {
    this.alternation();
    if (this.i < this.s.length) refuse(`unbalanced ')' at position ${this.i}`);
  }

  private alternation(): void {
    this.sequence();
    while (this.s[this.i] === '|') {
      this.i++;
      this.sequence();
    }
  }

  private sequence(): void {
    while (this.i < this.s.length && this.s[this.i] !== '|' && !(this.s[this.i] === ')' && this.depth > 0)) {
      const quantifiable = this.atom();
      this.quantifier(quantifiable);
    }
  }

  /** Reads one atom; returns whether a quantifier may follow it. */
  private atom(): boolean | 'astral' {
    const c = this.s[this.i]!;
    switch (c) {
      case '^':
      case '$':
        this.i++;
        return false;
      case '.':
        this.i++;
        return true;
      case '(':
        this.group();
        return true;
      case '[':
        this.bracket();
        return true;
      case '\\':
        this.escape(false);
        return true;
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
        return cp <= 0xffff ? true : 'astral';
      }
    }
  }

  private group(): void {
    this.i++;
    if (this.s[this.i] === '?') {
      const next = this.s[this.i + 1];
      const after = this.s[this.i + 2];
      if (next === ':') this.i += 2;
      else if (next === '=' || next === '!') refuse('lookaheads are not supported');
      else if (next === '<' && (after === '=' || after === '!')) refuse('lookbehinds are not supported');
      else if (next === '<' || next === 'P' || next === "'") refuse('named groups are not supported');
      else if (next === '#') refuse('comments are not supported');
      else refuse('inline flags and other (?...) constructs are not supported (use $options: "i")');
    }
    this.depth++;
    this.alternation();
    this.depth--;
    if (this.s[this.i] !== ')') refuse(`unclosed group`);
    this.i++;
  }

  private bracket(): void {
    const start = this.i;
    this.i++;
    if (this.s[this.i] === '^') this.i++;
    if (this.s[this.i] === ']') refuse(`a ']' first in a bracket class must be escaped (position ${this.i})`);
    let count = 0;
    let prev: string | undefined;
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
        if (end === undefined) refuse('a range in a bracket class must end with a single character');
        if (end!.codePointAt(0)! < prev!.codePointAt(0)!) refuse('a range in a bracket class is out of order');
        prev = undefined;
      } else {
        prev = this.classMember();
      }
      count++;
    }
    if (this.i >= this.s.length) refuse(`unclosed bracket class starting at position ${start}`);
    if (count === 0) refuse('empty bracket classes are not supported');
    this.i++;
  }

  /** One member of a bracket class; returns the character, or undefined for a class escape (\\d ...). */
  private classMember(): string | undefined {
    const c = this.s[this.i]!;
    if (c !== '\\') {
      const cp = this.s.codePointAt(this.i)!;
      if (cp > 0xffff) refuse('characters outside the Basic Multilingual Plane are not supported in a bracket class');
      this.i++;
      return c;
    }
    const e = this.s[this.i + 1];
    if (e === 'D' || e === 'W' || e === 'S') refuse(`\\${e} inside a bracket class is not supported`);
    return this.escape(true);
  }

  /** Reads a backslash escape; returns the character it stands for, or undefined for a class escape. */
  private escape(inClass: boolean): string | undefined {
    const e = this.s[this.i + 1];
    if (e === undefined) return refuse('a pattern cannot end with a backslash');
    if (CLASS_ESCAPES.has(e)) {
      this.i += 2;
      return undefined;
    }
    if (CONTROL_ESCAPES.has(e) || ESCAPABLE.has(e)) {
      this.i += 2;
      return CONTROL_ESCAPES.get(e) ?? e;
    }
    if (e === 'b' || e === 'B') refuse(`\\${e} (word boundary) is not supported`);
    if (/[1-9]/.test(e) || e === 'k') refuse('backreferences are not supported');
    if (e === 'p' || e === 'P') refuse('unicode property escapes (\\p{...}) are not supported');
    if (e === 'u' || e === 'x' || e === '0' || e === 'c') refuse(`\\${e} escapes are not supported (write the character itself)`);
    return refuse(`the escape \\${e} is not supported${inClass ? ' in a bracket class' : ''}`);
  }

  private quantifier(quantifiable: boolean | 'astral'): void {
    const c = this.s[this.i];
    let found = false;
    if (c === '*' || c === '+' || c === '?') {
      this.i++;
      found = true;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.s.slice(this.i));
      if (!m) refuse(`a '{' that is not a quantifier must be escaped (position ${this.i})`);
      const min = Number(m![1]);
      const max = m![3] ? Number(m![3]) : undefined;
      if (min > MAX_REPEAT || (max ?? 0) > MAX_REPEAT) refuse(`repetition counts above ${MAX_REPEAT} are not supported`);
      if (max !== undefined && max < min) refuse(`in {${min},${max}} the maximum is below the minimum`);
      this.i += m![0].length;
      found = true;
    }
    if (!found) return;
    if (quantifiable === 'astral') refuse('a quantifier cannot follow a character outside the Basic Multilingual Plane');
    if (!quantifiable) refuse(`a quantifier at position ${this.i - 1} has nothing to repeat`);
    const next = this.s[this.i];
    if (next === '?') refuse('lazy quantifiers (*?, +?, ??, {n}?) are not supported');
    if (next === '+') refuse('possessive quantifiers are not supported');
    if (next === '*' || next === '{') refuse(`a quantifier cannot follow another quantifier (position ${this.i})`);
  }
}
