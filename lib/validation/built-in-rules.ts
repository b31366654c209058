import { getMetadataStorage } from 'class-validator';

/**
 * Checks the rules of a class whose every class-validator rule is one of essencia's own (`@IsCPF()`,
 * `@IsCNPJ()`, `@IsRG()`, `@IsBRPhone()`, with `@IsOptional()`) by calling their predicates directly:
 * class-validator's generic path (metadata grouping, error objects, a promise) costs more than the checks.
 * It only ever answers "valid"; anything else (a failing value, a rule of another kind) is left to
 * class-validator, so error shapes and messages stay exactly class-validator's.
 */

type Predicate = (value: unknown) => boolean;

interface Check {
  readonly property: string;
  readonly predicate: Predicate;
  /** Under `@IsOptional()`: an empty value is not checked. */
  readonly optional: boolean;
}

/** class-validator's names for the metadata kinds the fast path understands. */
const CUSTOM_VALIDATION = 'customValidation';
const CONDITIONAL_VALIDATION = 'conditionalValidation';
const IS_OPTIONAL = 'isOptional';

const predicates = new WeakMap<Function, Predicate>();
/** Per class: its checks, or null when some rule is not a built-in one. */
const plans = new WeakMap<Function, readonly Check[] | null>();

/** Records the constraint class of a built-in rule and the predicate it runs. */
export function registerBuiltInRule(constraint: Function, predicate: Predicate): void {
  predicates.set(constraint, predicate);
}

function planOf(ctor: Function): readonly Check[] | null {
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(ctor, '', true, false);
  const optional = new Set<string>();
  const rules: { property: string; predicate: Predicate }[] = [];
  for (const m of metadatas) {
    const predicate = m.type === CUSTOM_VALIDATION ? predicates.get(m.constraintCls) : undefined;
    if (predicate) rules.push({ property: m.propertyName, predicate });
    else if (m.type === CONDITIONAL_VALIDATION && m.name === IS_OPTIONAL) optional.add(m.propertyName);
    else return null;
  }
  return rules.map((r) => ({ ...r, optional: optional.has(r.property) }));
}

/**
 * True when `instance` certainly passes every rule of its class and they are all built-in ones; false means
 * "ask class-validator" (a value fails, or the class has other rules). `skipMissing` leaves empty values
 * unchecked, as class-validator's `skipMissingProperties`.
 *
 * @example
 * if (!passesBuiltInRules(Patient, patient, false)) errors = await validate(patient);
 */
export function passesBuiltInRules(ctor: Function, instance: object, skipMissing: boolean): boolean {
  let plan = plans.get(ctor);
  if (plan === undefined) plans.set(ctor, (plan = planOf(ctor)));
  if (plan === null) return false;
  for (const check of plan) {
    const value = (instance as Record<string, unknown>)[check.property];
    if ((value === null || value === undefined) && (check.optional || skipMissing)) continue;
    if (!check.predicate(value)) return false;
  }
  return true;
}
