import { getMetadataStorage, validate, type ValidationError as ClassValidatorError } from 'class-validator';
import { ValidationError, type FieldErrors } from '../errors';
import { passesBuiltInRules } from '../validation/built-in-rules';
import type { ModelMeta } from '../metadata/types';
import { hideEncryptedValues } from './hide-encrypted-values';

const hasRules = new WeakMap<Function, boolean>();

/** Whether the class (or a base class) has any class-validator rule; cached per class. */
export function modelHasRules(ctor: Function): boolean {
  let known = hasRules.get(ctor);
  if (known === undefined) {
    known = getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false).length > 0;
    hasRules.set(ctor, known);
  }
  return known;
}

function collect(errors: ClassValidatorError[], into: FieldErrors, prefix: string): void {
  for (const error of errors) {
    const key = `${prefix}${error.property}`;
    if (error.constraints) (into[key] ??= []).push(...Object.values(error.constraints));
    if (error.children?.length) collect(error.children, into, `${key}.`);
  }
}

/** A nullable field without a value: its rules do not apply (as with `@IsOptional()`). */
function emptyAndNullable(meta: ModelMeta, instance: object, property: string): boolean {
  const value = (instance as Record<string, unknown>)[property];
  return (value === null || value === undefined) && meta.byProperty.get(property)?.nullable === true;
}

/** Whether class-validator need not run: the class has no rules, or only essencia's own and they all pass. */
function nothingToCheck(meta: ModelMeta, instance: object, onlyPresent: boolean): boolean {
  return !modelHasRules(meta.ctor) || passesBuiltInRules(meta.ctor, instance, onlyPresent);
}

/**
 * Runs the class-validator rules of an instance's class. Returns the messages per field (empty when valid).
 * `onlyPresent` validates only the properties that are set (for partial updates). The rules of a nullable
 * field run only when it holds a value. Messages never show the value of an encrypted field.
 */
export async function validationErrors(meta: ModelMeta, instance: object, onlyPresent = false): Promise<FieldErrors> {
  const found: FieldErrors = {};
  if (nothingToCheck(meta, instance, onlyPresent)) return found;
  const errors = await validate(instance, {
    skipMissingProperties: onlyPresent,
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  collect(errors.filter((e) => !emptyAndNullable(meta, instance, e.property)), found, '');
  hideEncryptedValues(meta, instance, found);
  return found;
}

/** Throws ValidationError when class-validator finds anything; undefined (nothing to await) when nothing is left to check. */
export function assertValid(meta: ModelMeta, instance: object, onlyPresent = false): Promise<void> | undefined {
  if (nothingToCheck(meta, instance, onlyPresent)) return undefined;
  return throwIfInvalid(meta, instance, onlyPresent);
}

async function throwIfInvalid(meta: ModelMeta, instance: object, onlyPresent: boolean): Promise<void> {
  const errors = await validationErrors(meta, instance, onlyPresent);
  if (Object.keys(errors).length > 0) throw new ValidationError(meta.name, errors);
}
