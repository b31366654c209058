import type { StoredRow } from '../drivers/driver';
import { NotFoundError, OptimisticLockError, QueryError } from '../errors';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { and, cmp, type FilterNode } from '../query/filter-ast';
import { comparable, stateOf } from './instance-state';
import { guarded, type OpContext } from './op-context';

type Instance = Record<string, unknown>;

/** The version an instance was loaded (or last saved) with: its snapshot's, not whatever the code set since. */
function loadedVersion(meta: ModelMeta, instance: Instance): number {
  const version = meta.version!;
  const snapshot = stateOf(instance)?.snapshot;
  const value = snapshot ? snapshot[meta.modelFields.indexOf(version)] : instance[version.property];
  return typeof value === 'number' ? value : 0;
}

/** The value a field had when the instance was loaded (or last saved). */
function loadedValue(meta: ModelMeta, instance: Instance, field: FieldMeta): unknown {
  const snapshot = stateOf(instance)?.snapshot;
  return snapshot ? snapshot[meta.modelFields.indexOf(field)] : instance[field.property];
}

/**
 * The row of `id`: with the shard key (so that a sharded database sends the write to one shard), and on a versioned
 * model only while it still holds the instance's loaded version. A shard key that changed since load is refused:
 * moving a row between shards is a delete and an insert.
 */
export function rowOf(meta: ModelMeta, id: string, instance: Instance): FilterNode {
  const nodes = [cmp(meta.id, 'eq', id)];
  for (const field of meta.shardKey) {
    const loaded = loadedValue(meta, instance, field);
    if (loaded !== comparable(instance[field.property])) {
      throw new QueryError(`${meta.name} ${id}: '${field.property}' is part of the shardKey and cannot change; delete the row and create it again`);
    }
    nodes.push(cmp(field, 'eq', loaded));
  }
  if (meta.version) nodes.push(cmp(meta.version, 'eq', loadedVersion(meta, instance)));
  return and(nodes);
}

/**
 * After a conditional write matched nothing: one lookup by id tells a row that changed since it was read
 * (OptimisticLockError) from one that is gone (NotFoundError). Names model and id, never a value.
 */
export async function staleOrGone(ctx: OpContext, id: string): Promise<Error> {
  const { meta } = ctx;
  const row = await guarded(ctx, () => ctx.driver.findById(meta, id, undefined, ctx.tx));
  if (!row || !meta.version) return new NotFoundError(`${meta.name} ${id} no longer exists`);
  return new OptimisticLockError(meta.name, `${id} was changed by someone else since it was read (its version moved on); nothing was written: reload it and apply the change again`);
}

/**
 * Writes `patch` to an instance's row in one statement; on a versioned model only if the version is still the
 * loaded one, bumping it (the instance takes the new version once the write succeeded). Resolves to what `written`
 * returns, run once the row is written. `patch` is the caller's to give away: on a versioned model it takes the
 * version column.
 */
export function writeRow<R = void>(ctx: OpContext, instance: Instance, id: string, patch: StoredRow, written?: () => R): Promise<R> {
  const { meta } = ctx;
  const version = meta.version;
  if (!version) {
    const call = () =>
      meta.shardKey.length ? ctx.driver.updateMany(meta, rowOf(meta, id, instance), patch, ctx.tx) : ctx.driver.updateById(meta, id, patch, ctx.tx);
    return guarded(ctx, call, (n) => {
      if (n === 0) throw new NotFoundError(`${meta.name} ${id} no longer exists`);
      return written?.() as R;
    });
  }
  const next = loadedVersion(meta, instance) + 1;
  const guard = rowOf(meta, id, instance);
  // `patch` was built for this write: it takes the version itself (a spread copy plus a key is a slow path in V8).
  patch[version.column] = next;
  return guarded(ctx, () => ctx.driver.updateMany(meta, guard, patch, ctx.tx), async (n) => {
    if (n === 0) throw await staleOrGone(ctx, id);
    instance[version.property] = next;
    return written?.() as R;
  });
}

/** Deletes an instance's row in one statement (on a versioned model only if its version is still the loaded one). */
export async function deleteRow(ctx: OpContext, instance: Instance, id: string): Promise<void> {
  const n = await guarded(ctx, () => ctx.driver.deleteMany(ctx.meta, rowOf(ctx.meta, id, instance), ctx.tx));
  if (n === 0) throw await staleOrGone(ctx, id);
}
