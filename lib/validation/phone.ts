import { defineRule, type BrValidationOptions } from './define-rule';
import { BR_AREA_CODES } from './phone-area-codes';

/** Name of the `@IsBRPhone()` constraint in class-validator errors. */
export const IS_BR_PHONE = 'isBRPhone';

/** What a phone number may be written with: digits, a leading +, spaces, dots, dashes, parentheses. */
const ALLOWED = /^\+?[\d\s().\-]+$/;

interface BRPhone {
  readonly areaCode: string;
  readonly subscriber: string;
}

/**
 * Splits a Brazilian number into area code and subscriber number, or undefined. Accepts an
 * optional `+55` / `55` country code or a `0` trunk prefix before the area code.
 */
function parse(value: unknown): BRPhone | undefined {
  if (typeof value !== 'string' || !ALLOWED.test(value.trim())) return undefined;
  const international = value.trim().startsWith('+');
  let digits = value.replace(/\D/g, '');
  if (international) {
    if (!digits.startsWith('55')) return undefined;
    digits = digits.slice(2);
  } else if ((digits.length === 12 || digits.length === 13) && digits.startsWith('55')) {
    digits = digits.slice(2);
  } else if ((digits.length === 11 || digits.length === 12) && digits.startsWith('0')) {
    digits = digits.slice(1);
  }
  const areaCode = digits.slice(0, 2);
  const subscriber = digits.slice(2);
  if (!BR_AREA_CODES.has(areaCode)) return undefined;
  const mobile = subscriber.length === 9 && subscriber[0] === '9';
  const landline = subscriber.length === 8 && subscriber[0]! >= '2' && subscriber[0]! <= '5';
  return mobile || landline ? { areaCode, subscriber } : undefined;
}

/**
 * Whether `value` is a Brazilian phone number: an optional `+55`/`55` (or `0` trunk) prefix,
 * a valid area code (DDD), then a mobile number (9 digits starting with 9) or a landline
 * (8 digits starting with 2–5). Spaces, dots, dashes and parentheses are allowed.
 *
 * @example
 * isBRPhone('(11) 98765-4321');  // true
 * isBRPhone('+55 21 3456-7890'); // true
 * isBRPhone('(20) 98765-4321');  // false: no DDD 20
 */
export function isBRPhone(value: unknown): boolean {
  return parse(value) !== undefined;
}

/**
 * The canonical (E.164) form `+55DDNNNNNNNNN`; input that is not a valid Brazilian number is
 * returned with its formatting characters removed.
 *
 * @example
 * normalizeBRPhone('(11) 98765-4321'); // '+5511987654321'
 */
export function normalizeBRPhone(value: string): string {
  const phone = parse(value);
  return phone ? `+55${phone.areaCode}${phone.subscriber}` : value.replace(/[\s().\-]/g, '');
}

/**
 * The national layout `(11) 98765-4321` / `(11) 3456-7890`, or with `{ international: true }`
 * `+55 11 98765-4321`. Invalid input is returned unchanged.
 *
 * @example
 * formatBRPhone('+5511987654321'); // '(11) 98765-4321'
 */
export function formatBRPhone(value: string, options: { international?: boolean } = {}): string {
  const phone = parse(value);
  if (!phone) return value;
  const s = phone.subscriber;
  const local = `${s.slice(0, -4)}-${s.slice(-4)}`;
  return options.international ? `+55 ${phone.areaCode} ${local}` : `(${phone.areaCode}) ${local}`;
}

/**
 * class-validator decorator: the property must be a Brazilian phone number (see {@link isBRPhone}).
 *
 * @example
 * class Patient { @IsBRPhone({ locale: 'pt' }) phone!: string; }
 */
export function IsBRPhone(options?: BrValidationOptions): PropertyDecorator {
  return defineRule(IS_BR_PHONE, 'brPhone', isBRPhone, options);
}
