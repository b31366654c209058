import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { validationMessage, type ValidationLocale, type ValidationMessageKey } from './messages';

/** Options of the Brazilian validator decorators: class-validator's options plus a `locale`. */
export interface BrValidationOptions extends ValidationOptions {
  /** Language of the default message; the global {@link setValidationLocale} when omitted. */
  locale?: ValidationLocale;
}

/**
 * Builds a class-validator property decorator from a pure predicate. The default message is
 * built at validation time (so a later `setValidationLocale` applies) and never contains the value.
 *
 * @example
 * export const IsCPF = (o?: BrValidationOptions) => defineRule(IS_CPF, 'cpf', isCPF, o);
 */
export function defineRule(
  name: string,
  messageKey: ValidationMessageKey,
  predicate: (value: unknown) => boolean,
  options: BrValidationOptions = {},
): PropertyDecorator {
  const { locale, ...validationOptions } = options;
  return ValidateBy(
    {
      name,
      validator: {
        validate: (value: unknown): boolean => predicate(value),
        defaultMessage: (args?: ValidationArguments): string => {
          return validationMessage(messageKey, args?.property ?? 'value', locale, validationOptions.each === true);
        },
      },
    },
    validationOptions,
  );
}
