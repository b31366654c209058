import { defineRule, type BrValidationOptions } from './define-rule';

/** Name of the `@IsCNPJ()` constraint in class-validator errors. */
export const IS_CNPJ = 'isCNPJ';

/** 12 alphanumeric positions then 2 numeric check digits (alphanumeric CNPJ, from July 2026). */
const PLAIN = /^[0-9A-Z]{12}\d{2}$/;
const FORMATTED = /^[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\d{2}$/;
const SEPARATORS = /[\s.\-/]/g;

/** Value of one CNPJ character: its ASCII code minus 48 ('0' → 0, '9' → 9, 'A' → 17, 'Z' → 42). */
function charValue(c: string): number {
  return c.charCodeAt(0) - 48;
}

/** Mod-11 check digit, weights 2..9 cycling from the rightmost character. */
function checkDigit(chars: string): number {
  let sum = 0;
  for (let i = chars.length - 1, weight = 2; i >= 0; i--, weight = weight === 9 ? 2 : weight + 1) {
    sum += charValue(chars[i]!) * weight;
  }
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/**
 * The two check digits of a 12-character CNPJ base (digits or upper-case letters).
 *
 * @example
 * cnpjCheckDigits('112223330001'); // '81'
 * cnpjCheckDigits('12ABC34501DE'); // '35'
 */
export function cnpjCheckDigits(base: string): string {
  if (!/^[0-9A-Z]{12}$/.test(base)) throw new TypeError('a CNPJ base has 12 characters [0-9A-Z]');
  const first = checkDigit(base);
  return `${first}${checkDigit(base + first)}`;
}

/**
 * Whether `value` is a valid CNPJ, numeric or alphanumeric (the format the Receita Federal
 * issues from July 2026): 14 characters or the `00.000.000/0000-00` layout, the first 12
 * `[0-9A-Z]` (lower case accepted), the last 2 numeric check digits (mod 11, weights 2..9
 * from the right, each character worth its ASCII code − 48). One repeated character is rejected.
 *
 * @example
 * isCNPJ('11.222.333/0001-81'); // true
 * isCNPJ('12.ABC.345/01DE-35'); // true (alphanumeric)
 * isCNPJ('11222333000180');     // false
 */
export function isCNPJ(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const upper = value.toUpperCase();
  if (!(PLAIN.test(upper) || FORMATTED.test(upper))) return false;
  const chars = upper.replace(SEPARATORS, '');
  if (/^(.)\1{13}$/.test(chars)) return false;
  return cnpjCheckDigits(chars.slice(0, 12)) === chars.slice(12);
}

/**
 * The canonical (stored and indexed) form of a CNPJ: upper case, separators (dots, slash,
 * dash, spaces) removed. Other characters are kept, so that invalid input stays invalid.
 *
 * @example
 * normalizeCNPJ('12.abc.345/01de-35'); // '12ABC34501DE35'
 */
export function normalizeCNPJ(value: string): string {
  return value.replace(SEPARATORS, '').toUpperCase();
}

/**
 * A CNPJ in the `00.000.000/0000-00` layout; input that is not 14 characters after
 * normalising is returned normalised but unformatted.
 *
 * @example
 * formatCNPJ('11222333000181'); // '11.222.333/0001-81'
 */
export function formatCNPJ(value: string): string {
  const c = normalizeCNPJ(value);
  if (!PLAIN.test(c)) return c;
  return `${c.slice(0, 2)}.${c.slice(2, 5)}.${c.slice(5, 8)}/${c.slice(8, 12)}-${c.slice(12)}`;
}

/**
 * class-validator decorator: the property must be a valid CNPJ (see {@link isCNPJ}).
 *
 * @example
 * class Clinic { @IsCNPJ() cnpj!: string; }
 */
export function IsCNPJ(options?: BrValidationOptions): PropertyDecorator {
  return defineRule(IS_CNPJ, 'cnpj', isCNPJ, options);
}
