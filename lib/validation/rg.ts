import { defineRule, type BrValidationOptions } from './define-rule';

/** Name of the `@IsRG()` constraint in class-validator errors. */
export const IS_RG = 'isRG';

/** 7 to 9 characters: digits, the last one may be an X (check digit 10). */
const CANONICAL = /^\d{6,8}[\dX]$/;
/** What an RG may be written with: alphanumerics and the usual separators. */
const ALLOWED = /^[0-9A-Za-z.\-\s/]+$/;

/**
 * The canonical (stored and indexed) form of an RG: upper-cased alphanumerics only.
 *
 * @example
 * normalizeRG('12.345.678-x'); // '12345678X'
 */
export function normalizeRG(value: string): string {
  return value.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
}

/**
 * Whether `value` looks like an RG. RG numbers are issued by each state with its own rules,
 * so only the shape is checked: after {@link normalizeRG}, 7 to 9 characters, all digits
 * except a final `X` check digit; one repeated character (`0000000`) is rejected. Only
 * dots, dashes, slashes and spaces may separate the characters.
 *
 * @example
 * isRG('12.345.678-9'); // true
 * isRG('1234567-x');    // true
 * isRG('12A45678');     // false
 */
export function isRG(value: unknown): boolean {
  if (typeof value !== 'string' || !ALLOWED.test(value)) return false;
  const rg = normalizeRG(value);
  return CANONICAL.test(rg) && !/^(.)\1+$/.test(rg);
}

/**
 * Best-effort layout: the last character after a dash, the rest grouped by three from the
 * right (`12.345.678-9`, `1.234.567-8`, `123.456-7`). Anything else is returned normalised.
 *
 * @example
 * formatRG('12345678X'); // '12.345.678-X'
 */
export function formatRG(value: string): string {
  const rg = normalizeRG(value);
  if (!CANONICAL.test(rg)) return rg;
  const body = rg.slice(0, -1).replace(/\B(?=(\d{3})+$)/g, '.');
  return `${body}-${rg.slice(-1)}`;
}

/**
 * class-validator decorator: the property must look like an RG (see {@link isRG}).
 *
 * @example
 * class Patient { @IsRG() rg!: string; }
 */
export function IsRG(options?: BrValidationOptions): PropertyDecorator {
  return defineRule(IS_RG, 'rg', isRG, options);
}
