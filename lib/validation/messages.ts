/**
 * Validation messages in Portuguese and English.
 *
 * The global default locale is **English** (`'en'`); switch it once at start-up with
 * {@link setValidationLocale}, or per decorator with `{ locale: 'pt' }`. Messages name the
 * property, never the value (a CPF must not end up in a log through a validation error).
 */

/** Locales the Brazilian validators speak. */
export type ValidationLocale = 'pt' | 'en';

/** Keys of the built-in messages. */
export type ValidationMessageKey = 'cpf' | 'cnpj' | 'rg' | 'brPhone';

const MESSAGES: Readonly<Record<ValidationLocale, Readonly<Record<ValidationMessageKey, string>>>> = {
  en: {
    cpf: '$property must be a valid CPF',
    cnpj: '$property must be a valid CNPJ',
    rg: '$property must be a valid RG',
    brPhone: '$property must be a valid Brazilian phone number',
  },
  pt: {
    cpf: '$property deve ser um CPF válido',
    cnpj: '$property deve ser um CNPJ válido',
    rg: '$property deve ser um RG válido',
    brPhone: '$property deve ser um telefone brasileiro válido',
  },
};

const EACH: Readonly<Record<ValidationLocale, string>> = { en: 'each value in $property', pt: 'cada valor de $property' };

const LOCALES: readonly ValidationLocale[] = ['pt', 'en'];

let currentLocale: ValidationLocale = 'en';

/**
 * Sets the locale used by every Brazilian validator that has no `locale` option of its own.
 * Takes effect at validation time, so it may be called after the models are declared.
 *
 * @example
 * setValidationLocale('pt'); // "cpf deve ser um CPF válido"
 */
export function setValidationLocale(locale: ValidationLocale): void {
  if (!LOCALES.includes(locale)) {
    throw new TypeError(`unknown validation locale '${String(locale)}' (one of ${LOCALES.join(', ')})`);
  }
  currentLocale = locale;
}

/**
 * The current global validation locale (default `'en'`).
 *
 * @example
 * if (getValidationLocale() === 'pt') { ... }
 */
export function getValidationLocale(): ValidationLocale {
  return currentLocale;
}

/**
 * The message for `key`, with the property name filled in. The value is never part of it.
 *
 * @example
 * validationMessage('cpf', 'cpf', 'pt'); // 'cpf deve ser um CPF válido'
 */
export function validationMessage(
  key: ValidationMessageKey,
  property: string,
  locale: ValidationLocale = currentLocale,
  each = false,
): string {
  const table = MESSAGES[locale] ?? MESSAGES.en;
  const subject = each ? EACH[locale].replace('$property', property) : property;
  return table[key].replace('$property', subject);
}
