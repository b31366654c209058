import { QueryError } from '../errors';
import { modelMeta } from '../metadata/model-meta';
import type { ModelMeta } from '../metadata/types';
import { relationKeyField } from './check-relations';

/** Relations to populate, by name, each with the relations to populate on what it loads. */
export type PopulateTree = ReadonlyMap<string, PopulateTree>;

function relationOf(meta: ModelMeta, name: string, path: string) {
  const relation = meta.relations.get(name);
  if (!relation) {
    const known = [...meta.relations.keys()];
    throw new QueryError(
      `populate('${path}'): ${meta.name} has no relation '${name}' (${known.length ? `known: ${known.join(', ')}` : 'it declares none'})`,
    );
  }
  return relation;
}

function insert(meta: ModelMeta, tree: Map<string, PopulateTree>, path: string): void {
  if (typeof path !== 'string' || path.length === 0) throw new QueryError('populate takes relation names, e.g. populate(\'patient\', \'patient.doctor\')');
  let level = tree;
  let current = meta;
  for (const name of path.split('.')) {
    const relation = relationOf(current, name, path);
    let next = level.get(name) as Map<string, PopulateTree> | undefined;
    if (!next) level.set(name, (next = new Map()));
    level = next;
    const target = modelMeta(relation.target());
    if (relation.kind !== 'belongsTo') relationKeyField(current.name, relation, target.byProperty, target.name);
    current = target;
  }
}

/**
 * Adds dotted relation paths (`'patient'`, `'patient.doctor'`) to a tree, checking every name against the
 * model that declares it: an unknown one is a QueryError listing the known ones; a foreign key that the target
 * does not have, or has encrypted, is a ConfigError.
 */
export function addPopulatePaths(meta: ModelMeta, tree: PopulateTree | undefined, paths: readonly string[]): PopulateTree {
  const copy = (t: PopulateTree): Map<string, PopulateTree> => new Map([...t].map(([k, v]) => [k, copy(v)]));
  const out = tree ? copy(tree) : new Map<string, PopulateTree>();
  if (!Array.isArray(paths)) throw new QueryError('populate takes a list of relation names');
  for (const path of paths) insert(meta, out, path);
  return out;
}
