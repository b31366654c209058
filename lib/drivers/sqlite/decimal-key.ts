const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
/** Exponents are written with a fixed width, biased to be non-negative. */
const EXPONENT_WIDTH = 12;
const EXPONENT_BIAS = 10 ** (EXPONENT_WIDTH - 1);

const complement = (digits: string): string => digits.replace(/\d/g, (d) => String(9 - Number(d)));

/**
 * A text key that sorts byte-wise in the numeric order of a decimal string, equal for equal numbers (`'10'`, `'10.0'`
 * and `'1e1'` share a key). SQLite has no exact decimal type: decimals are stored as their text and compared through
 * this key. Layout: `N` (negative), `O` (zero) or `P` (positive), then the biased exponent and the significant
 * digits; for negatives both are complemented and `~` ends the digits, so that a longer magnitude sorts first.
 * Undefined for text that is not a decimal. Exponents beyond ±10^11 (far past any real number; PostgreSQL refuses
 * them) are clamped: such numbers still compare by sign and digits.
 *
 * @example
 * decimalKey('10.50') === decimalKey('1.05e1'); // true
 * decimalKey('-3') < decimalKey('0') && decimalKey('0') < decimalKey('0.5'); // true
 */
export function decimalKey(text: string): string | undefined {
  const m = DECIMAL.exec(text);
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return undefined;
  const [, sign, whole = '', fraction = '', exp = '0'] = m;
  const all = whole + fraction;
  const first = all.search(/[1-9]/);
  if (first === -1) return 'O';
  const digits = all.slice(first).replace(/0+$/, '');
  // The value is 0.<digits> × 10^exponent.
  const exponent = Math.max(1 - EXPONENT_BIAS, Math.min(EXPONENT_BIAS - 1, Number(exp) + whole.length - first));
  if (sign !== '-') return `P${String(exponent + EXPONENT_BIAS).padStart(EXPONENT_WIDTH, '0')}${digits}`;
  return `N${String(EXPONENT_BIAS - exponent).padStart(EXPONENT_WIDTH, '0')}${complement(digits)}~`;
}
