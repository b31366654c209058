import { ConfigError } from '../errors';
import type { FieldMeta, IndexMeta, ModelOptions } from './types';

const READ_FROM = ['primary', 'replica'];

/**
 * Checks `readFrom` and `shardKey` of `@Model()` and returns the shard key's fields. A shard key is plain (not
 * encrypted) string or int fields; every unique index must start with it, since a sharded database can only enforce
 * uniqueness within one shard.
 */
export function checkScaleOut(
  model: string,
  options: ModelOptions,
  byProperty: ReadonlyMap<string, FieldMeta>,
  indexes: readonly IndexMeta[],
): readonly FieldMeta[] {
  if (options.readFrom !== undefined && !READ_FROM.includes(options.readFrom)) {
    throw new ConfigError(`${model}: readFrom must be 'primary' or 'replica'`);
  }
  if (options.shardKey === undefined) return Object.freeze([]);
  if (!Array.isArray(options.shardKey) || options.shardKey.length === 0) {
    throw new ConfigError(`${model}: shardKey must be a non-empty list of field names`);
  }
  const key = options.shardKey.map((property) => {
    const field = byProperty.get(property);
    if (!field || field.derivedFrom || field.isId) throw new ConfigError(`${model}: shardKey field '${property}' is not a field of the model`);
    if (field.codec || (field.type !== 'string' && field.type !== 'int')) {
      throw new ConfigError(`${model}.${property}: a shardKey field must be a plain string or int field (not encrypted)`);
    }
    return field;
  });
  const names = key.map((f) => f.property);
  for (const index of indexes) {
    if (index.unique && names.some((name, i) => index.fields[i] !== name)) {
      // A blind index is named by the field it is derived from, as the user declared it.
      const declared = index.fields.map((f) => byProperty.get(f)?.derivedFrom ?? f);
      const fields = [...names, ...declared.filter((f) => !names.includes(f))].map((f) => `'${f}'`).join(', ');
      throw new ConfigError(
        `${model}: the unique index '${index.name}' (${declared.join(', ')}) must start with the shardKey (${names.join(', ')}): ` +
          `a sharded database enforces uniqueness only within a shard; declare it as @Model({ indexes: [{ fields: [${fields}], unique: true }] })`,
      );
    }
  }
  return Object.freeze(key);
}
