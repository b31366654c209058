import { ValidateBy, ValidatorConstraint, type ValidationArguments, type ValidationOptions, type ValidatorConstraintInterface } from 'class-validator';
import { registerBuiltInRule } from './built-in-rules';
import { validationMessage, type ValidationLocale, type ValidationMessageKey } from './messages';

/** Options of the Brazilian validator decorators: class-validator's options plus a `locale`. */
export interface BrValidationOptions extends ValidationOptions {
  /** Language of the default message; the global {@link setValidationLocale} when omitted. */
  locale?: ValidationLocale;
}

/**
 * Builds a class-validator property decorator from a pure predicate. The default message is
 * built at validation time (so a later `setValidationLocale` applies) and never contains the value.
 * The constraint class is known to {@link passesBuiltInRules}, which checks a model whose rules are all
 * built-in ones without class-validator's generic machinery.
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
  class BuiltInConstraint implements ValidatorConstraintInterface {
    validate(value: unknown): boolean {
      return predicate(value);
    }
    defaultMessage(args?: ValidationArguments): string {
      return validationMessage(messageKey, args?.property ?? 'value', locale, validationOptions.each === true);
    }
  }
  ValidatorConstraint({ name })(BuiltInConstraint);
  registerBuiltInRule(BuiltInConstraint, predicate);
  return ValidateBy({ name, validator: BuiltInConstraint }, validationOptions);
}
