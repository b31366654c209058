import { encodeFields } from '../codec/row-codec';
import { rowEncoder } from '../codec/row-encoder';
import { stringProblem } from '../codec/scalar';
import { NotFoundError, QueryError, ValidationError } from '../errors';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { runHooks } from './hooks';
import { hydrate } from './hydrate';
import { comparable, setState, stateOf } from './instance-state';
import { guarded, joinAmbient, opContext, withContext, type OpContext } from './op-context';
import { changedFields, snapshotOf, snapshotter, type Snapshotter } from './snapshot';
import { assertValid } from './validate';
import { deleteRow, writeRow } from './versioning';
import { perModel } from '../metadata/per-model';

type Instance = Record<string, unknown> & { id?: string };

/** The fields `prepareInsert` has work for: those with a default, and codec fields that normalise their values. */
interface InsertPlan {
  readonly defaulted: readonly FieldMeta[];
  readonly normalised: readonly FieldMeta[];
}

const insertPlan = perModel((meta): InsertPlan => {
  const fields = meta.modelFields.filter((f) => !f.isId);
  return { defaulted: fields.filter((f) => f.default !== undefined), normalised: fields.filter((f) => f.codec?.normalize) };
});

/** Sets defaults, normalises codec fields and stamps timestamps on a new instance (`now`, or the time of the call). */
export function prepareInsert(meta: ModelMeta, instance: Instance, now?: Date): void {
  const { defaulted, normalised } = insertPlan(meta);
  // Given values are normalised, defaults are taken as they are.
  for (const field of normalised) {
    const value = instance[field.property];
    if (value !== undefined && value !== null) instance[field.property] = field.codec!.normalize!(value);
  }
  for (const field of defaulted) {
    if (instance[field.property] === undefined) {
      instance[field.property] = typeof field.default === 'function' ? (field.default as () => unknown)() : field.default;
    }
  }
  if (meta.version) instance[meta.version.property] = 1;
  if (meta.timestamps) {
    const at = now ?? new Date();
    instance[meta.timestamps.createdAt.property] ??= at;
    instance[meta.timestamps.updatedAt.property] = at;
  }
}

/** Checks a user-supplied id, or makes one. */
export function idFor(ctx: OpContext, instance: Instance): string {
  const id = instance.id;
  if (id === undefined || id === null) return ctx.driver.newId();
  if (typeof id !== 'string' || id.length === 0) throw new ValidationError(ctx.meta.name, { id: ['id must be a non-empty string'] });
  const problem = stringProblem(id);
  if (problem) throw new ValidationError(ctx.meta.name, { id: [`id ${problem}`] });
  return id;
}

/** Marks a written instance as persisted, its snapshot taken now (`snapshot`: the model's snapshotter, when the caller holds it). */
export function markPersisted(meta: ModelMeta, instance: Instance, snapshot: Snapshotter = snapshotter(meta)): void {
  setState(instance, { persisted: true, partial: false, snapshot: snapshot(instance) });
}

/** After a write of `fields`: the snapshot takes their values (every other field still equals it, or it would have been written). */
function refreshSnapshot(meta: ModelMeta, instance: Instance, snapshot: unknown[], fields: readonly FieldMeta[]): void {
  for (const field of fields) snapshot[meta.modelFields.indexOf(field)] = comparable(instance[field.property]);
  if (meta.version) snapshot[meta.modelFields.indexOf(meta.version)] = comparable(instance[meta.version.property]);
}

/** Runs `write` once the instance's class-validator rules pass (at once for a class without rules). */
function validThen<R>(meta: ModelMeta, instance: Instance, write: () => Promise<R>): Promise<R> {
  const validation = assertValid(meta, instance);
  return validation ? validation.then(write) : write();
}

function insert(ctx: OpContext, instance: Instance): Promise<Instance> {
  const { meta } = ctx;
  prepareInsert(meta, instance);
  const id = idFor(ctx, instance);
  return validThen(meta, instance, () => {
    const row = rowEncoder(meta)(instance, id);
    return guarded(ctx, () => ctx.driver.insert(meta, [row], ctx.tx), () => {
      instance.id = id;
      markPersisted(meta, instance);
      return instance;
    });
  });
}

function update(ctx: OpContext, instance: Instance, snapshot: unknown[]): Promise<Instance> {
  const { meta } = ctx;
  const changed = changedFields(meta, instance, snapshot);
  if (changed.length === 0) return Promise.resolve(instance);
  for (const field of changed) {
    const value = instance[field.property];
    if (field.codec?.normalize && value !== undefined && value !== null) instance[field.property] = field.codec.normalize(value);
  }
  if (meta.timestamps && !changed.includes(meta.timestamps.updatedAt)) {
    instance[meta.timestamps.updatedAt.property] = new Date();
    changed.push(meta.timestamps.updatedAt);
  }
  return validThen(meta, instance, () => {
    const id = instance.id as string;
    return writeRow(ctx, instance, id, encodeFields(meta, instance, id, changed), () => {
      refreshSnapshot(meta, instance, snapshot, changed);
      return instance;
    });
  });
}

/** Runs `work` in a transaction when the model has hooks that must share it and none is open. */
function withHookTransaction(ctx: OpContext, hasHooks: boolean, work: () => Promise<void>): Promise<void> {
  return hasHooks && ctx.tx === undefined && ctx.driver.capabilities.transactions ? ctx.db.transaction(work) : work();
}

/** Inserts a new instance or writes the changed fields of a loaded one; resolves to the instance. Sends nothing when nothing changed. */
export function saveInstance<I extends Instance>(instance: I): Promise<I> {
  return withContext(instance.constructor, (ctx) => saveWith(ctx, instance) as Promise<I>);
}

function saveWith(ctx: OpContext, instance: Instance): Promise<Instance> {
  const { meta } = ctx;
  const state = stateOf(instance);
  if (state?.partial) {
    throw new QueryError(`${meta.name} ${instance.id}: loaded with select(), it holds only some fields and cannot be saved`);
  }
  const hooked = meta.hooks.beforeSave.length + meta.hooks.afterSave.length > 0;
  if (!hooked) return state?.persisted && state.snapshot ? update(ctx, instance, state.snapshot) : insert(ctx, instance);
  return withHookTransaction(ctx, hooked, async () => {
    const inner = joinAmbient(ctx);
    const before = runHooks(meta, 'beforeSave', instance);
    if (before) await before;
    if (state?.persisted && state.snapshot) await update(inner, instance, state.snapshot);
    else await insert(inner, instance);
    const after = runHooks(meta, 'afterSave', instance);
    if (after) await after;
  }).then(() => instance);
}

function persistedId(meta: ModelMeta, instance: Instance, action: string): string {
  if (!stateOf(instance)?.persisted || typeof instance.id !== 'string') {
    throw new NotFoundError(`${meta.name}: cannot ${action} an instance that was never saved`);
  }
  return instance.id;
}

/** Deletes (soft for SoftDelete models unless `force`). */
export async function deleteInstance(instance: Instance, force: boolean): Promise<void> {
  let ctx = opContext(instance.constructor);
  if (ctx instanceof Promise) ctx = await ctx;
  const { meta } = ctx;
  const id = persistedId(meta, instance, 'delete');
  await withHookTransaction(ctx, meta.hooks.beforeDelete.length + meta.hooks.afterDelete.length > 0, async () => {
    const inner = joinAmbient(ctx);
    await runHooks(meta, 'beforeDelete', instance);
    if (meta.softDelete && !force) {
      await setDeletedAt(inner, instance, id, new Date());
    } else {
      await deleteRow(inner, instance, id);
      setState(instance, { persisted: false, partial: false, snapshot: undefined });
    }
    await runHooks(meta, 'afterDelete', instance);
  });
}

async function setDeletedAt(ctx: OpContext, instance: Instance, id: string, value: Date | null): Promise<void> {
  const { meta } = ctx;
  const fields = [meta.softDelete!];
  instance[meta.softDelete!.property] = value;
  if (meta.timestamps) {
    instance[meta.timestamps.updatedAt.property] = new Date();
    fields.push(meta.timestamps.updatedAt);
  }
  await writeRow(ctx, instance, id, encodeFields(meta, instance, id, fields));
  const state = stateOf(instance)!;
  state.snapshot = snapshotOf(meta, instance);
}

/** Brings a soft-deleted instance back. */
export async function restoreInstance(instance: Instance): Promise<void> {
  let ctx = opContext(instance.constructor);
  if (ctx instanceof Promise) ctx = await ctx;
  if (!ctx.meta.softDelete) throw new QueryError(`${ctx.meta.name} has no soft delete: there is nothing to restore`);
  await setDeletedAt(ctx, instance, persistedId(ctx.meta, instance, 'restore'), null);
}

/** Reloads every field from the database (soft-deleted rows included). */
export async function reloadInstance(instance: Instance): Promise<void> {
  let ctx = opContext(instance.constructor);
  if (ctx instanceof Promise) ctx = await ctx;
  const { meta } = ctx;
  const id = persistedId(meta, instance, 'reload');
  const row = await guarded(ctx, () => ctx.driver.findById(meta, id, undefined, ctx.tx));
  if (!row) throw new NotFoundError(`${meta.name} ${id} no longer exists`);
  const [fresh] = await hydrate<Instance>(meta, [row]);
  for (const field of meta.modelFields) instance[field.property] = fresh![field.property];
  setState(instance, stateOf(fresh!)!);
}
