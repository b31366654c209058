import { defineRule, type BrValidationOptions } from './define-rule';

/** Name of the `@IsCPF()` constraint in class-validator errors. */
export const IS_CPF = 'isCPF';

const PLAIN = /^\d{11}$/;
const FORMATTED = /^\d{3}\.\d{3}\.\d{3}-\d{2}$/;
const SEPARATORS = /[\s.\-]/g;

/** Check digit of `digits` with weights `digits.length + 1` down to 2 (the CPF rule). */
function checkDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[i]) * (digits.length + 1 - i);
  const rest = sum % 11;
  return rest < 2 ? 0 : 11 - rest;
}

/**
 * The two check digits of a 9-digit CPF base.
 *
 * @example
 * cpfCheckDigits('529982247'); // '25'
 */
export function cpfCheckDigits(base: string): string {
  if (!/^\d{9}$/.test(base)) throw new TypeError('a CPF base has 9 digits');
  const first = checkDigit(base);
  return `${first}${checkDigit(base + first)}`;
}

/**
 * Whether `value` is a valid CPF: exactly 11 digits or the `000.000.000-00` layout, with
 * correct check digits. CPFs of one repeated digit (`111.111.111-11`) are rejected.
 *
 * @example
 * isCPF('529.982.247-25'); // true
 * isCPF('52998224725');    // true
 * isCPF('529.982.247-24'); // false
 */
export function isCPF(value: unknown): boolean {
  if (typeof value !== 'string' || !(PLAIN.test(value) || FORMATTED.test(value))) return false;
  const digits = value.replace(SEPARATORS, '');
  if (/^(\d)\1{10}$/.test(digits)) return false;
  return cpfCheckDigits(digits.slice(0, 9)) === digits.slice(9);
}

/**
 * The canonical (stored and indexed) form of a CPF: separators (dots, dashes, spaces) removed.
 * Other characters are kept, so that invalid input stays invalid instead of being "repaired".
 *
 * @example
 * normalizeCPF(' 529.982.247-25 '); // '52998224725'
 */
export function normalizeCPF(value: string): string {
  return value.replace(SEPARATORS, '');
}

/**
 * A CPF in the `000.000.000-00` layout; input that is not 11 digits after normalising is
 * returned normalised but unformatted.
 *
 * @example
 * formatCPF('52998224725'); // '529.982.247-25'
 */
export function formatCPF(value: string): string {
  const d = normalizeCPF(value);
  if (!PLAIN.test(d)) return d;
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`;
}

/**
 * class-validator decorator: the property must be a valid CPF (see {@link isCPF}).
 *
 * @example
 * class Patient { @IsCPF({ locale: 'pt' }) cpf!: string; }
 */
export function IsCPF(options?: BrValidationOptions): PropertyDecorator {
  return defineRule(IS_CPF, 'cpf', isCPF, options);
}
