import { ConfigError, ModelNotRegisteredError } from '../errors';
import { checkScaleOut } from './scale-out';
import type { FieldCodec } from '../codec/field-codec';
import { readCustomTable, type CustomTableColumns } from './custom-table';
import {
  declaredFields,
  declaredHooks,
  declaredModel,
  declaredRelations,
  declaredTraits,
  type FieldDeclaration,
  type Traits,
} from './declarations';
import { checkRelations } from '../relations/check-relations';
import type { RelationMeta } from '../relations/relation-types';
import { inferFieldType } from './infer-type';
import { defaultCollection, snakeCase } from './naming';
import {
  FIELD_TYPES,
  HOOK_NAMES,
  type FieldMeta,
  type HookName,
  type IndexMeta,
  type ModelMeta,
  type ModelOptions,
} from './types';

const BUILT = Symbol.for('essencia:meta');

/**
 * The built metadata of a model class (cached on the class). Throws ConfigError for declaration mistakes,
 * naming the class and field.
 */
export function modelMeta(ctor: Function): ModelMeta {
  if (Object.prototype.hasOwnProperty.call(ctor, BUILT)) return (ctor as unknown as Record<symbol, ModelMeta>)[BUILT]!;
  const meta = buildModelMeta(ctor);
  Object.defineProperty(ctor, BUILT, { value: meta, enumerable: false, configurable: true });
  return meta;
}

/** Whether a class has its own `@Model`. */
export function isModelClass(ctor: unknown): ctor is Function {
  return typeof ctor === 'function' && declaredModel(ctor) !== undefined;
}

/** Classes from the base down to `ctor`. */
function lineage(ctor: Function): Function[] {
  const chain: Function[] = [];
  for (let c: unknown = ctor; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    chain.unshift(c as Function);
  }
  return chain;
}

interface Merged {
  fields: Map<string, FieldDeclaration>;
  traits: Traits;
  hooks: Array<[HookName, string]>;
  relations: Map<string, RelationMeta>;
}

function mergeDeclarations(chain: Function[]): Merged {
  const fields = new Map<string, FieldDeclaration>();
  const relations = new Map<string, RelationMeta>();
  const traits: Traits = {};
  const hooks: Array<[HookName, string]> = [];
  for (const cls of chain) {
    for (const [property, decl] of declaredFields(cls) ?? []) fields.set(property, { ...fields.get(property), ...decl });
    Object.assign(traits, declaredTraits(cls));
    for (const [property, relation] of declaredRelations(cls) ?? []) relations.set(property, relation);
    for (const entry of declaredHooks(cls) ?? []) {
      if (!hooks.some(([h, m]) => h === entry[0] && m === entry[1])) hooks.push(entry);
    }
  }
  return { fields, traits, hooks, relations };
}

function buildField(model: string, property: string, decl: FieldDeclaration, custom: CustomTableColumns | undefined): FieldMeta {
  const where = `${model}.${property}`;
  if (!decl.field && !decl.codec) {
    throw new ConfigError(`${where}: @Index / @Unique need @Field() (or an @Encrypted... decorator) on the same property`);
  }
  const options = decl.field ?? {};
  const type = decl.codec?.storedType ?? options.type ?? inferFieldType(decl.designType, where);
  if (!FIELD_TYPES.includes(type)) {
    throw new ConfigError(`${where}: unknown type '${String(type)}' (one of ${FIELD_TYPES.join(', ')})`);
  }
  let column = options.name ?? snakeCase(property);
  if (options.length !== undefined && !(Number.isInteger(options.length) && options.length >= 1 && options.length <= 16383)) {
    throw new ConfigError(`${where}: length must be an integer from 1 to 16383 (the VARCHAR length of an indexed string), got ${String(options.length)}`);
  }
  let sqlType: string | undefined;
  if (custom) {
    const col = custom.columns.get(property);
    if (!col) throw new ConfigError(`${where}: the Drizzle table '${custom.tableName}' has no column for this property`);
    column = col.name;
    sqlType = col.sqlType;
  }
  return Object.freeze({
    property,
    column,
    type,
    sqlType,
    length: options.length,
    nullable: options.nullable ?? options.default !== undefined,
    default: options.default,
    isId: false,
    codec: decl.codec,
    renamedFrom: options.renamedFrom,
  });
}

function companionOf(field: FieldMeta, codec: FieldCodec): FieldMeta {
  const spec = codec.companion!;
  return Object.freeze({
    property: `${field.property}${spec.suffix[0]!.toUpperCase()}${spec.suffix.slice(1)}`,
    column: `${field.column}_${snakeCase(spec.suffix)}`,
    type: spec.type,
    nullable: true,
    isId: false,
    derivedFrom: field.property,
    // A renamed field's companion was the old column's companion.
    renamedFrom: field.renamedFrom === undefined ? undefined : `${snakeCase(field.renamedFrom)}_${snakeCase(spec.suffix)}`,
  });
}

function buildModelMeta(ctor: Function): ModelMeta {
  const options: ModelOptions | undefined = declaredModel(ctor);
  if (!options) throw new ModelNotRegisteredError(ctor.name || 'an anonymous class');
  const model = ctor.name;
  const ttl = options.cache?.ttl;
  if (options.cache !== undefined && (typeof ttl !== 'number' || !Number.isFinite(ttl) || ttl <= 0 || ttl > 2_000_000)) {
    throw new ConfigError(`${model}: @Model({ cache: { ttl } }) needs a ttl in seconds, greater than 0`);
  }
  const custom = options.table === undefined ? undefined : readCustomTable(options.table, model);
  const { fields: declarations, traits, hooks, relations } = mergeDeclarations(lineage(ctor));

  const idColumn = custom ? custom.columns.get('id')?.name : 'id';
  if (!idColumn) throw new ConfigError(`${model}: the Drizzle table '${custom!.tableName}' needs an 'id' column`);
  const id: FieldMeta = Object.freeze({ property: 'id', column: idColumn, type: 'string', nullable: false, isId: true });

  const modelFields: FieldMeta[] = [id];
  const derivedFields: FieldMeta[] = [];
  const indexes: IndexMeta[] = [];
  const collection = custom?.tableName ?? options.collection ?? defaultCollection(model);

  for (const [property, decl] of declarations) {
    if (property === 'id') {
      if (decl.field?.type && decl.field.type !== 'string') throw new ConfigError(`${model}.id: ids are strings`);
      continue;
    }
    const field = buildField(model, property, decl, custom);
    modelFields.push(field);
    const companion = field.codec?.companion ? companionOf(field, field.codec) : undefined;
    if (companion) derivedFields.push(companion);
    for (const [kind, opts] of [['index', decl.index], ['unique', decl.unique]] as const) {
      if (!opts) continue;
      if (field.codec && !companion) {
        throw new ConfigError(`${model}.${property}: an encrypted field that is not searchable cannot be indexed`);
      }
      const target = companion ?? field;
      const unique = kind === 'unique';
      indexes.push({ name: opts.name ?? `${collection}_${target.column}_${unique ? 'key' : 'idx'}`, fields: [target.property], unique });
    }
  }

  const all = [...modelFields, ...derivedFields];
  const byProperty = new Map(all.map((f) => [f.property, f]));
  const byColumn = new Map<string, FieldMeta>();
  for (const f of all) {
    if (byColumn.has(f.column)) {
      throw new ConfigError(`${model}: fields '${byColumn.get(f.column)!.property}' and '${f.property}' share the column '${f.column}'`);
    }
    byColumn.set(f.column, f);
  }

  for (const compound of options.indexes ?? []) {
    if (!Array.isArray(compound.fields) || compound.fields.length === 0) {
      throw new ConfigError(`${model}: a compound index needs a non-empty 'fields' list`);
    }
    const targets = compound.fields.map((property) => {
      const field = byProperty.get(property);
      if (!field) throw new ConfigError(`${model}: index field '${property}' is not a field of the model`);
      if (!field.codec) return field;
      const companion = derivedFields.find((d) => d.derivedFrom === property);
      if (!companion) throw new ConfigError(`${model}.${property}: an encrypted field that is not searchable cannot be indexed`);
      return companion;
    });
    const unique = compound.unique ?? false;
    indexes.push({
      name: compound.name ?? `${collection}_${targets.map((t) => t.column).join('_')}_${unique ? 'key' : 'idx'}`,
      fields: targets.map((t) => t.property),
      unique,
    });
  }

  const hookMap = Object.fromEntries(HOOK_NAMES.map((h) => [h, hooks.filter(([name]) => name === h).map(([, m]) => m)])) as Record<
    HookName,
    string[]
  >;
  for (const [hook, method] of hooks) {
    if (typeof (ctor.prototype as Record<string, unknown>)[method] !== 'function') {
      throw new ConfigError(`${model}.${method}: @${hook} must decorate a method`);
    }
  }

  const pick = (property: string, trait: string): FieldMeta => {
    const f = byProperty.get(property);
    if (!f) throw new ConfigError(`${model}: the ${trait} mixin needs the field '${property}'`);
    return f;
  };

  checkRelations(model, relations, byProperty);
  const versions = [...declarations].filter(([, decl]) => decl.version).map(([property]) => byProperty.get(property)!);
  if (versions.length > 1) throw new ConfigError(`${model}: only one field can be @Version() (${versions.map((f) => f.property).join(', ')})`);
  const version = versions[0];
  if (version && (version.type !== 'int' || version.codec)) throw new ConfigError(`${model}.${version.property}: @Version() is a plain int field`);

  const shardKey = checkScaleOut(model, options, byProperty, indexes);

  return Object.freeze({
    ctor,
    name: model,
    collection,
    database: options.database,
    options,
    fields: Object.freeze(all),
    byProperty,
    byColumn,
    id,
    modelFields: Object.freeze(modelFields),
    derivedFields: Object.freeze(derivedFields),
    hasCodecs: modelFields.some((f) => f.codec !== undefined),
    indexes: Object.freeze(indexes),
    hooks: Object.freeze(hookMap),
    timestamps: traits.timestamps
      ? Object.freeze({ createdAt: pick('createdAt', 'Timestamped'), updatedAt: pick('updatedAt', 'Timestamped') })
      : undefined,
    softDelete: traits.softDelete ? pick('deletedAt', 'SoftDelete') : undefined,
    relations,
    version,
    shardKey,
    databaseKind: traits.databaseKind,
  });
}
