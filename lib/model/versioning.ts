import type { StoredRow } from '../drivers/driver';
import { NotFoundError, OptimisticLockError } from '../errors';
import type { ModelMeta } from '../metadata/types';
import { and, cmp, type FilterNode } from '../query/filter-ast';
import { stateOf } from './instance-state';
import { guarded, type OpContext } from './op-context';

type Instance = Record<string, unknown>;

/** The version an instance was loaded (or last saved) with: its snapshot's, not whatever the code set since. */
function loadedVersion(meta: ModelMeta, instance: Instance): number {
  const version = meta.version!;
  const snapshot = stateOf(instance)?.snapshot;
  const value = snapshot ? snapshot[meta.modelFields.indexOf(version)] : instance[version.property];
  return typeof value === 'number' ? value : 0;
}

/** The row of `id`, and on a versioned model only while it still holds the instance's loaded version. */
export function rowOf(meta: ModelMeta, id: string, instance: Instance): FilterNode {
  const byId = cmp(meta.id, 'eq', id);
  return meta.version ? and([byId, cmp(meta.version, 'eq', loadedVersion(meta, instance))]) : byId;
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
 * loaded one, bumping it (the instance takes the new version once the write succeeded).
 */
export async function writeRow(ctx: OpContext, instance: Instance, id: string, patch: StoredRow): Promise<void> {
  const { meta } = ctx;
  const version = meta.version;
  if (!version) {
    const n = await guarded(ctx, () => ctx.driver.updateById(meta, id, patch, ctx.tx));
    if (n === 0) throw new NotFoundError(`${meta.name} ${id} no longer exists`);
    return;
  }
  const next = loadedVersion(meta, instance) + 1;
  const guard = rowOf(meta, id, instance);
  const n = await guarded(ctx, () => ctx.driver.updateMany(meta, guard, { ...patch, [version.column]: next }, ctx.tx));
  if (n === 0) throw await staleOrGone(ctx, id);
  instance[version.property] = next;
}

/** Deletes an instance's row in one statement (on a versioned model only if its version is still the loaded one). */
export async function deleteRow(ctx: OpContext, instance: Instance, id: string): Promise<void> {
  const n = await guarded(ctx, () => ctx.driver.deleteMany(ctx.meta, rowOf(ctx.meta, id, instance), ctx.tx));
  if (n === 0) throw await staleOrGone(ctx, id);
}
