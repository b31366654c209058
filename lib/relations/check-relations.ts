import { ConfigError } from '../errors';
import type { FieldMeta } from '../metadata/types';
import type { RelationMeta } from './relation-types';

/**
 * The stored field a relation matches on. An encrypted field is refused: its stored values differ for equal
 * plaintexts, so no `$in` could find them.
 */
export function relationKeyField(model: string, relation: RelationMeta, fields: ReadonlyMap<string, FieldMeta>, side: string): FieldMeta {
  const where = `${model}.${relation.property}`;
  const field = fields.get(relation.foreignKey);
  if (!field || field.derivedFrom) {
    throw new ConfigError(`${where}: the foreign key '${relation.foreignKey}' is not a field of ${side}`);
  }
  if (field.codec) {
    throw new ConfigError(`${where}: the foreign key '${relation.foreignKey}' is an encrypted field; relation keys must be stored in the clear`);
  }
  return field;
}

/** Checks a model's own side of its relations when its metadata is built (the target's side is checked on first use). */
export function checkRelations(model: string, relations: ReadonlyMap<string, RelationMeta>, fields: ReadonlyMap<string, FieldMeta>): void {
  for (const relation of relations.values()) {
    if (fields.has(relation.property)) {
      throw new ConfigError(`${model}.${relation.property}: a relation property cannot also be a stored field`);
    }
    if (relation.kind === 'belongsTo') relationKeyField(model, relation, fields, model);
  }
}
