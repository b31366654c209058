import { modelMeta } from '../metadata/model-meta';
import type { ModelMeta } from '../metadata/types';
import { hydrate } from '../model/hydrate';
import { guarded, opContext } from '../model/op-context';
import { and } from '../query/filter-ast';
import { parseFilter, parseSort } from '../query/filter-parse';
import { scopeFilter } from '../query/scope';
import { relationKeyField } from './check-relations';
import { chunks, distinctKeys } from './key-chunks';
import type { PopulateTree } from './populate-paths';
import type { RelationMeta } from './relation-types';

type Instance = Record<string, unknown>;

/** Target rows whose `property` is one of `keys`: one query per chunk, through the target's own database and scope. */
async function findIn(target: Function, property: string, keys: readonly unknown[]): Promise<Instance[]> {
  const ctx = await opContext(target);
  const scope = scopeFilter(ctx.meta, 'active');
  const sort = parseSort(ctx.meta, { id: 'asc' });
  const found: Instance[] = [];
  for (const chunk of chunks(keys)) {
    const match = parseFilter(ctx.meta, { [property]: { $in: chunk } })!;
    const spec = { filter: scope ? and([match, scope]) : match, sort };
    const rows = await guarded(ctx, () => ctx.driver.find(ctx.meta, spec, ctx.tx));
    found.push(...(await hydrate<Instance>(ctx.meta, rows)));
  }
  return found;
}

function groupBy(rows: readonly Instance[], property: string): Map<unknown, Instance[]> {
  const groups = new Map<unknown, Instance[]>();
  for (const row of rows) {
    const key = row[property];
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** Loads one relation for all `owners` and sets it on each; returns the distinct instances it loaded. */
async function loadRelation(owner: ModelMeta, relation: RelationMeta, owners: readonly Instance[]): Promise<Instance[]> {
  const targetCtor = relation.target();
  const target = modelMeta(targetCtor);
  if (relation.kind === 'belongsTo') {
    const { driver } = await opContext(targetCtor);
    const keys = distinctKeys(owners.map((o) => o[relation.foreignKey])).filter((k) => typeof k === 'string' && driver.isValidId(k));
    const found = keys.length ? await findIn(targetCtor, 'id', keys) : [];
    const byId = new Map(found.map((row) => [row.id, row]));
    for (const o of owners) o[relation.property] = byId.get(o[relation.foreignKey]) ?? null;
    return found;
  }
  const key = relationKeyField(owner.name, relation, target.byProperty, target.name);
  const ids = distinctKeys(owners.map((o) => o.id));
  const found = ids.length ? await findIn(targetCtor, key.property, ids) : [];
  const groups = groupBy(found, key.property);
  for (const o of owners) {
    const group = groups.get(o.id) ?? [];
    o[relation.property] = relation.kind === 'hasMany' ? group : (group[0] ?? null);
  }
  return found;
}

/**
 * Fills the relations named in `tree` on `instances`, application-side: per relation and level, one query on the
 * target model (`{ key: { $in: keys } }`, chunked), through the target's own driver, so that the target may live
 * in another database or backend. Soft-deleted targets are not loaded.
 */
export async function populate(meta: ModelMeta, instances: readonly object[], tree: PopulateTree): Promise<void> {
  if (instances.length === 0) return;
  for (const [name, subtree] of tree) {
    const relation = meta.relations.get(name)!;
    const loaded = await loadRelation(meta, relation, instances as Instance[]);
    if (subtree.size > 0) await populate(modelMeta(relation.target()), loaded, subtree);
  }
}
