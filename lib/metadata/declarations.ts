import type { FieldCodec } from '../codec/field-codec';
import type { RelationMeta } from '../relations/relation-types';
import type { FieldOptions, HookName, IndexOptions, ModelOptions } from './types';

/** What decorators wrote about one property of one class (before merging). */
export interface FieldDeclaration {
  field?: FieldOptions;
  codec?: FieldCodec;
  index?: IndexOptions;
  unique?: IndexOptions;
  /** Declared with `@Version()`: the optimistic-lock counter. */
  version?: boolean;
  /** `design:type` emitted by TypeScript, if any. */
  designType?: unknown;
}

/** Traits contributed by mixins. */
export interface Traits {
  timestamps?: boolean;
  softDelete?: boolean;
  /** The kind of database the model must be bound to (MongoModel / SQLModel). */
  databaseKind?: 'sql' | 'document';
}

const MODEL = Symbol.for('essencia:model');
const FIELDS = Symbol.for('essencia:fields');
const HOOKS = Symbol.for('essencia:hooks');
const TRAITS = Symbol.for('essencia:traits');
const RELATIONS = Symbol.for('essencia:relations');

type Bag = Record<symbol, unknown>;

/** The value stored under `key` on the class itself (never an inherited one), created on first write. */
function own<T>(target: Function, key: symbol, create: () => T): T {
  const bag = target as unknown as Bag;
  if (!Object.prototype.hasOwnProperty.call(target, key)) {
    Object.defineProperty(target, key, { value: create(), enumerable: false, configurable: true });
  }
  return bag[key] as T;
}

function read<T>(target: Function, key: symbol): T | undefined {
  return Object.prototype.hasOwnProperty.call(target, key) ? ((target as unknown as Bag)[key] as T) : undefined;
}

export function declareModel(target: Function, options: ModelOptions): void {
  Object.defineProperty(target, MODEL, { value: options, enumerable: false, configurable: true });
}

export function declaredModel(target: Function): ModelOptions | undefined {
  return read<ModelOptions>(target, MODEL);
}

export function declareField(target: Function, property: string, patch: Partial<FieldDeclaration>): void {
  const fields = own(target, FIELDS, () => new Map<string, FieldDeclaration>());
  const current = fields.get(property) ?? {};
  const field = current.field || patch.field ? { ...current.field, ...patch.field } : undefined;
  fields.set(property, { ...current, ...patch, field });
}

export function declaredFields(target: Function): ReadonlyMap<string, FieldDeclaration> | undefined {
  return read<Map<string, FieldDeclaration>>(target, FIELDS);
}

export function declareHook(target: Function, hook: HookName, method: string): void {
  const hooks = own(target, HOOKS, () => [] as Array<[HookName, string]>);
  hooks.push([hook, method]);
}

export function declaredHooks(target: Function): ReadonlyArray<[HookName, string]> | undefined {
  return read<Array<[HookName, string]>>(target, HOOKS);
}

export function declareTraits(target: Function, traits: Traits): void {
  Object.defineProperty(target, TRAITS, { value: traits, enumerable: false, configurable: true });
}

export function declaredTraits(target: Function): Traits | undefined {
  return read<Traits>(target, TRAITS);
}

export function declareRelation(target: Function, relation: RelationMeta): void {
  own(target, RELATIONS, () => new Map<string, RelationMeta>()).set(relation.property, relation);
}

export function declaredRelations(target: Function): ReadonlyMap<string, RelationMeta> | undefined {
  return read<Map<string, RelationMeta>>(target, RELATIONS);
}
