import { QueryError } from '../errors';
import type { RegexValue } from './filter-ast';
import { parseRegex, RegexRefusal } from './regex/regex-parse';
import { stripVerbose } from './regex/regex-verbose';

/** RegExp flags that do not change what matches (a test has no position to keep). */
const IGNORED_FLAGS = new Set(['g', 'd']);
const OPTIONS = new Set(['i', 'm', 's', 'x']);

/**
 * A `$regex` operand (a string with `$options`, or a RegExp with its flags) as a parsed pattern of the portable
 * subset. Options: `i` (Unicode simple case folding), `m` (`^`/`$` at inner lines), `s` (`.` matches a newline),
 * `x` (whitespace and `#` comments dropped, here). The JavaScript-only flags `u`, `v` and `y` are refused: they
 * change the meaning in ways MongoDB has no option for.
 *
 * @example
 * parseRegexOperand('Person.name', /^jo.o$/i, undefined).flags; // { ignoreCase: true, multiline: false, dotAll: false }
 */
export function parseRegexOperand(name: string, operand: unknown, options: unknown): RegexValue {
  let source: string;
  let flags = '';
  if (operand instanceof RegExp) {
    source = operand.source;
    flags = [...operand.flags].filter((f) => !IGNORED_FLAGS.has(f)).join('');
  } else if (typeof operand === 'string') {
    source = operand;
  } else {
    throw new QueryError(`${name}: $regex needs a string or a RegExp`);
  }
  if (options !== undefined) {
    if (typeof options !== 'string') throw new QueryError(`${name}: $options must be a string`);
    flags += options;
  }
  if (source.includes('\0') || flags.includes('\0')) {
    throw new QueryError(`${name}: $regex got a NUL character (\\u0000), which no backend can store or compare`);
  }
  const bad = [...flags].filter((f) => !OPTIONS.has(f));
  if (bad.length > 0) throw new QueryError(`${name}: regex options other than i, m, s and x are not supported (got '${bad.join('')}')`);
  if (flags.includes('x')) source = stripVerbose(source);
  try {
    const tree = parseRegex(source);
    return { source, flags: { ignoreCase: flags.includes('i'), multiline: flags.includes('m'), dotAll: flags.includes('s') }, tree };
  } catch (e) {
    if (e instanceof RegexRefusal) throw new QueryError(`${name}: $regex: ${e.message}`);
    throw e;
  }
}
