import { encodeFields } from '../codec/row-codec';
import { rowEncoder } from '../codec/row-encoder';
import type { StoredRow } from '../drivers/driver';
import { QueryError, ValidationError, type FieldErrors } from '../errors';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { Query } from '../query/query';
import { runHooks } from './hooks';
import { stateOf } from './instance-state';
import { settle } from '../util/settle';
import { guarded, joinAmbient, opContext, withContext, type OpContext } from './op-context';
import { idFor, markPersisted, prepareInsert } from './persist';
import { snapshotter } from './snapshot';
import { modelHasRules, validationErrors } from './validate';
import { perModel } from '../metadata/per-model';

type Instance = Record<string, unknown> & { id?: string };

type Builder = (ctor: new () => unknown, data: Record<string, unknown> | undefined) => unknown;

/**
 * A builder specialised for one model: straight-line copies with constant property names, which V8 keeps
 * monomorphic (a loop over `instance[field.property]` is megamorphic). Names come from the model's metadata,
 * never from data, and are embedded as JSON literals.
 */
function compileBuilder(meta: ModelMeta): Builder {
  const copies = meta.modelFields.map((f) => {
    const key = JSON.stringify(f.property);
    return `    if (hasOwn.call(d, ${key})) o[${key}] = d[${key}];`;
  });
  const body = ['return function buildInstance(ctor, d) {', '  const o = new ctor();', '  if (d) {', ...copies, '  }', '  return o;', '};'].join('\n');
  return new Function('hasOwn', body)(Object.prototype.hasOwnProperty) as Builder;
}

const builder = perModel(compileBuilder);

/** A new, unsaved instance with the model's fields taken from `data` (other keys are ignored). */
export function buildInstance<T>(ctor: new () => T, data: Record<string, unknown> | undefined, meta: ModelMeta): T {
  return builder(meta)(ctor, data) as T;
}

/** An instance holding only `fields` of `data`: what updateMany validates. */
function patchInstance(ctor: new () => unknown, data: Record<string, unknown>, fields: readonly FieldMeta[]): object {
  const instance = new ctor() as Record<string, unknown>;
  for (const field of fields) {
    if (Object.prototype.hasOwnProperty.call(data, field.property)) instance[field.property] = data[field.property];
  }
  return instance;
}

/** Lets pending I/O callbacks run (a server's reply to the batch sent before), between two batches being encoded. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Validates and encodes every item (nothing is written if any fails: the ValidationError lists every problem),
 * and inserts in batches of `batchSize`, one round trip per batch, all batches in one transaction.
 *
 * When insertMany opens that transaction itself and the model has no `beforeSave` hooks (which could read what
 * earlier batches wrote), each batch is sent as soon as it is encoded, and the next one is encoded while the server
 * stores it; a problem found later rolls the transaction back, so the outcome is the same. Elsewhere (one batch,
 * the caller's transaction, hooks) every item is encoded before the first batch is sent.
 */
export async function insertMany<T>(ctor: new () => T, items: readonly unknown[], batchSize: number): Promise<T[]> {
  if (!Array.isArray(items)) throw new QueryError('insertMany takes an array');
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new QueryError('batchSize must be an integer >= 1');
  let ctx = opContext(ctor);
  if (ctx instanceof Promise) ctx = await ctx;
  const { meta } = ctx;
  const instances = new Array<Instance>(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    instances[i] = (item instanceof ctor ? item : buildInstance(ctor, item as Record<string, unknown>, meta)) as Instance;
  }
  const encoder = new BatchEncoder(ctx, instances);
  const atomic = instances.length > batchSize && ctx.tx === undefined && ctx.driver.capabilities.transactions;

  if (atomic && meta.hooks.beforeSave.length === 0) {
    const pipelined = async (inner: OpContext): Promise<void> => {
      let sent: Promise<void> = Promise.resolve();
      let writeFailure: { error: unknown } | undefined;
      try {
        for (let start = 0; start < instances.length; start += batchSize) {
          const batch = await encoder.encode(start, start + batchSize);
          if (!encoder.failed) {
            sent = sent.then(() =>
              writeFailure ? undefined : guarded(inner, () => inner.driver.insert(meta, batch, inner.tx)).catch((error: unknown) => void (writeFailure ??= { error })),
            );
          }
          await nextTurn();
        }
      } finally {
        // Nothing may still be running on the transaction when it ends.
        await sent;
      }
      encoder.throwIfInvalid();
      if (writeFailure) throw writeFailure.error;
    };
    // With no rules, no user code runs inside (an async validator might query, and would expect to join it).
    if (encoder.validated) await ctx.db.transaction(() => pipelined(joinAmbient(ctx)));
    else await ctx.db.transactionWithHandle((tx) => pipelined({ ...ctx, tx }));
  } else {
    const rows = await encoder.encode(0, instances.length);
    encoder.throwIfInvalid();
    const write = async (): Promise<void> => {
      const inner = joinAmbient(ctx);
      for (let start = 0; start < rows.length; start += batchSize) {
        const batch = rows.slice(start, start + batchSize);
        await guarded(inner, () => inner.driver.insert(meta, batch, inner.tx));
      }
    };
    if (atomic) await ctx.db.transaction(write);
    else await write();
  }

  const snapshot = snapshotter(meta);
  if (meta.hooks.afterSave.length === 0) {
    // No await in the loop: in an async function, a for-of that may suspend allocates an iterator result per item.
    for (let i = 0; i < instances.length; i++) markPersisted(meta, instances[i]!, snapshot);
    return instances as T[];
  }
  for (const instance of instances) {
    markPersisted(meta, instance, snapshot);
    await runHooks(meta, 'afterSave', instance);
  }
  return instances as T[];
}

/** Runs the insert steps of the items of insertMany (hooks, defaults, id, validation, encoding), a range at a time. */
class BatchEncoder {
  readonly #errors: FieldErrors = {};
  readonly #now = new Date();
  /** The model has class-validator rules, which run for every item. */
  readonly validated: boolean;
  failed = false;

  constructor(
    private readonly ctx: OpContext,
    private readonly instances: readonly Instance[],
  ) {
    this.validated = modelHasRules(ctx.meta.ctor);
  }

  /** The stored rows of the items from `start` to `end` (exclusive); problems are kept for throwIfInvalid. */
  async encode(start: number, end: number): Promise<StoredRow[]> {
    const { ctx } = this;
    const { meta } = ctx;
    const last = Math.min(end, this.instances.length);
    const rows: StoredRow[] = [];
    const encoder = rowEncoder(meta);
    for (let i = start; i < last; i++) {
      const instance = this.instances[i]!;
      if (stateOf(instance)?.persisted) throw new QueryError(`insertMany: item ${i} is already saved`);
      const hooks = runHooks(meta, 'beforeSave', instance);
      if (hooks) await hooks;
      prepareInsert(meta, instance, this.#now);
      const id = idFor(ctx, instance);
      if (this.validated) this.#merge(await validationErrors(meta, instance), i);
      try {
        rows.push(encoder(instance, id));
        instance.id ??= id;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        this.#merge(error.errors, i);
      }
    }
    return rows;
  }

  #merge(from: FieldErrors, item: number): void {
    for (const [key, messages] of Object.entries(from)) {
      (this.#errors[`${item}.${key}`] ??= []).push(...messages);
      this.failed = true;
    }
  }

  throwIfInvalid(): void {
    if (this.failed) throw new ValidationError(this.ctx.meta.name, this.#errors);
  }
}

function patchFields(ctx: OpContext, patch: Record<string, unknown>): FieldMeta[] {
  const { meta } = ctx;
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new QueryError('updateMany: the patch must be an object');
  return Object.keys(patch).map((property) => {
    const field = meta.byProperty.get(property);
    if (!field || field.derivedFrom) throw new QueryError(`${meta.name}: updateMany sets unknown field '${property}'`);
    if (field.isId) throw new QueryError(`${meta.name}: updateMany cannot change ids`);
    if (field.codec) {
      throw new QueryError(`${meta.name}.${property}: an encrypted field is bound to its row; load and save() each instance instead of updateMany`);
    }
    return field;
  });
}

/** Sets the patch on every row matching the filter; returns how many rows matched. */
export function updateMany(ctor: new () => unknown, filter: unknown, patch: Record<string, unknown>): Promise<number> {
  return settle(() => {
    const query = Query.of(ctor).where(filter as never);
    return withContext(ctor, (ctx) => {
      const { meta } = ctx;
      const fields = patchFields(ctx, patch);
      const values: Record<string, unknown> = { ...patch };
      if (meta.timestamps && !fields.includes(meta.timestamps.updatedAt)) {
        values[meta.timestamps.updatedAt.property] = new Date();
        fields.push(meta.timestamps.updatedAt);
      }
      if (fields.length === 0) return Promise.resolve(0);
      const write = (): Promise<number> => {
        const row = encodeFields(meta, values, '', fields);
        const where = query.bulkFilter;
        return guarded(ctx, () => ctx.driver.updateMany(meta, where, row, ctx.tx));
      };
      if (!modelHasRules(meta.ctor)) return write();
      return validationErrors(meta, patchInstance(ctor, values, fields), true).then((errors) => {
        if (Object.keys(errors).length > 0) throw new ValidationError(meta.name, errors);
        return write();
      });
    });
  });
}

/** Deletes every row matching the filter (soft for SoftDelete models); returns how many. */
export function deleteMany(ctor: new () => unknown, filter: unknown, force: boolean): Promise<number> {
  return withContext(ctor, (ctx) => {
    const { meta } = ctx;
    if (meta.softDelete && !force) return updateMany(ctor, filter, { [meta.softDelete.property]: new Date() });
    const where = Query.of(ctor).withDeleted().where(filter as never).bulkFilter;
    return guarded(ctx, () => ctx.driver.deleteMany(meta, where, ctx.tx));
  });
}
