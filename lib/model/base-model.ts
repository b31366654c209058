import { inspect } from 'node:util';
import { NotFoundError } from '../errors';
import { modelMeta } from '../metadata/model-meta';
import { Query, type Page } from '../query/query';
import type { Filter, OrderBy } from '../query/filter-types';
import { scopeFilter } from '../query/scope';
import { populate } from '../relations/populate';
import { addPopulatePaths } from '../relations/populate-paths';
import { buildInstance, deleteMany, insertMany, updateMany } from './bulk';
import { hydrate } from './hydrate';
import { inspectView } from './inspect-view';
import type { ModelMeta } from '../metadata/types';
import type { StoredRow } from '../drivers/driver';
import type { PopulateTree } from '../relations/populate-paths';
import type { ModelCtor, ModelData } from './model-types';
import { settle } from '../util/settle';
import { guarded, withContext } from './op-context';
import { deleteInstance, reloadInstance, saveInstance } from './persist';
import { fromPlain, toPlain } from './serialize';
import { sqlTableOf } from './table-of';

/** Options of `findMany` / `findOne`. */
export interface FindOptions<T> {
  orderBy?: OrderBy<T>;
  limit?: number;
  offset?: number;
  /** Include soft-deleted rows. */
  withDeleted?: boolean;
  /** Relations to load, e.g. `['patient', 'patient.doctor']` (see `Query.populate`). */
  populate?: readonly string[];
}

/** Options of `findById` / `findByIdOrFail`. */
export interface FindByIdOptions {
  /** Relations to load, e.g. `['appointments']` (see `Query.populate`). */
  populate?: readonly string[];
}

type Ctor<T> = new () => T;

/** The instance of a stored row, with its relations when `tree` names some; a promise only when hooks or relations need one. */
function instanceOf<T>(meta: ModelMeta, row: StoredRow, tree: PopulateTree | undefined): T | Promise<T> {
  const hydrated = hydrate<T>(meta, [row]);
  if (!tree && !(hydrated instanceof Promise)) return hydrated[0]!;
  return (async () => {
    const [instance] = await hydrated;
    if (tree) await populate(meta, [instance!], tree);
    return instance!;
  })();
}
const concrete = <T>(ctor: ModelCtor<T>): Ctor<T> => ctor as unknown as Ctor<T>;

/**
 * The base of every model: active-record statics typed by `this`, and instance methods.
 *
 * @example
 * @Model({ database: 'pg_main' })
 * class Payment extends BaseModel { @Field({ type: 'int' }) amountCents!: number; }
 * const p = await Payment.create({ amountCents: 5000 });
 * const same = await Payment.findById(p.id);
 */
export abstract class BaseModel {
  /** String id: generated on insert unless set (MongoDB: ObjectId hex; SQL: a time-ordered UUID). */
  declare id: string;

  /** A new, unsaved instance. */
  static build<T extends BaseModel>(this: ModelCtor<T>, data: NoInfer<ModelData<T>> = {}): T {
    return buildInstance(concrete(this), data as Record<string, unknown>, modelMeta(this));
  }

  /** Builds, validates and inserts. */
  static create<T extends BaseModel>(this: ModelCtor<T>, data: NoInfer<ModelData<T>> = {}): Promise<T> {
    // The chain of the save, not an async wrapper around it: one promise fewer (see op-context.ts).
    return settle(() => buildInstance(concrete(this), data as Record<string, unknown>, modelMeta(this)).save());
  }

  /** The instance with this id, or null (also for an id that cannot exist in this backend). */
  static findById<T extends BaseModel>(this: ModelCtor<T>, id: string, options?: FindByIdOptions): Promise<T | null> {
    return withContext(this, (ctx) => {
      const tree = options?.populate ? addPopulatePaths(ctx.meta, undefined, options.populate) : undefined;
      if (typeof id !== 'string' || !ctx.driver.isValidId(id)) return Promise.resolve(null);
      const read = () => ctx.driver.findById(ctx.meta, id, scopeFilter(ctx.meta, 'active'), ctx.tx);
      return guarded(ctx, read, (row) => (row ? instanceOf<T>(ctx.meta, row, tree) : null));
    });
  }

  /** Like `findById`, but a missing row is a NotFoundError. */
  static async findByIdOrFail<T extends BaseModel>(this: ModelCtor<T>, id: string, options: FindByIdOptions = {}): Promise<T> {
    const found = await (this as unknown as typeof BaseModel).findById.call(this, id, options);
    if (!found) throw new NotFoundError(`${modelMeta(this).name} ${String(id)} not found`);
    return found as T;
  }

  /** A query builder over this model. */
  static query<T extends BaseModel>(this: ModelCtor<T>): Query<T> {
    return Query.of<T>(this);
  }

  private static optionsQuery<T>(ctor: Function, filter: unknown, options: FindOptions<T> = {}): Query<T> {
    let query = Query.of<T>(ctor);
    if (options.withDeleted) query = query.withDeleted();
    if (filter !== undefined) query = query.where(filter as Filter<T>);
    if (options.orderBy !== undefined) query = query.orderBy(options.orderBy);
    if (options.offset !== undefined) query = query.offset(options.offset);
    if (options.limit !== undefined) query = query.limit(options.limit);
    if (options.populate !== undefined) query = query.populate(...options.populate);
    return query;
  }

  static findOne<T extends BaseModel>(this: ModelCtor<T>, filter: NoInfer<Filter<T>> = {}, options: NoInfer<FindOptions<T>> = {}): Promise<T | null> {
    return settle(() => BaseModel.optionsQuery<T>(this, filter, options).first());
  }

  static findMany<T extends BaseModel>(this: ModelCtor<T>, filter: NoInfer<Filter<T>> = {}, options: NoInfer<FindOptions<T>> = {}): Promise<T[]> {
    return settle(() => BaseModel.optionsQuery<T>(this, filter, options).execute());
  }

  static count<T extends BaseModel>(this: ModelCtor<T>, filter: NoInfer<Filter<T>> = {}): Promise<number> {
    return settle(() => Query.of<T>(this).where(filter).count());
  }

  static exists<T extends BaseModel>(this: ModelCtor<T>, filter: NoInfer<Filter<T>> = {}): Promise<boolean> {
    return settle(() => Query.of<T>(this).where(filter).exists());
  }

  static paginate<T extends BaseModel>(this: ModelCtor<T>, filter: NoInfer<Filter<T>> = {}, page?: { page?: number; perPage?: number }): Promise<Page<T>> {
    return settle(() => Query.of<T>(this).where(filter).paginate(page));
  }

  /** Validates all, then inserts in batches (one round trip each, atomically). Returns the saved instances. */
  static insertMany<T extends BaseModel>(
    this: ModelCtor<T>,
    items: ReadonlyArray<NoInfer<ModelData<T>> | NoInfer<T>>,
    options: { batchSize?: number } = {},
  ): Promise<T[]> {
    return settle(() => insertMany(concrete(this), items, options.batchSize ?? 1000));
  }

  /**
   * Sets `patch` on every matching row; returns the number of rows matched. It neither checks nor bumps a
   * `@Version()` field: instances loaded before it can still be saved over its changes.
   */
  static updateMany<T extends BaseModel>(this: ModelCtor<T>, filter: NoInfer<Filter<T>>, patch: NoInfer<ModelData<T>>): Promise<number> {
    return settle(() => updateMany(concrete(this), filter, patch as Record<string, unknown>));
  }

  /** Deletes every matching row (only stamps `deletedAt` on SoftDelete models); returns how many. */
  static deleteMany<T extends BaseModel>(this: ModelCtor<T>, filter: NoInfer<Filter<T>>): Promise<number> {
    return settle(() => deleteMany(concrete(this), filter, false));
  }

  /** Deletes every matching row for real, soft-deleted ones included; returns how many. */
  static forceDeleteMany<T extends BaseModel>(this: ModelCtor<T>, filter: NoInfer<Filter<T>>): Promise<number> {
    return settle(() => deleteMany(concrete(this), filter, true));
  }

  /** A new instance from plain data (class-transformer). */
  static fromPlain<T extends BaseModel>(this: ModelCtor<T>, data: object): T {
    return fromPlain(modelMeta(this), concrete(this), data);
  }

  /** The Drizzle table of a SQL model, for hand-written Drizzle queries. */
  static get table(): any {
    return sqlTableOf(modelMeta(this));
  }

  /** Inserts, or writes the fields that changed since load (nothing when none did). Validates first. */
  save(): Promise<this> {
    return saveInstance(this as unknown as Record<string, unknown>) as Promise<unknown> as Promise<this>;
  }

  /** Deletes the row (SoftDelete models: stamps `deletedAt`). */
  async delete(): Promise<void> {
    await deleteInstance(this as unknown as Record<string, unknown>, false);
  }

  /** Re-reads every field from the database. */
  async reload(): Promise<this> {
    await reloadInstance(this as unknown as Record<string, unknown>);
    return this;
  }

  /** Copies the model fields present in `data` onto this instance. */
  merge(data: ModelData<this>): this {
    for (const field of modelMeta(this.constructor).modelFields) {
      if (!field.isId && Object.prototype.hasOwnProperty.call(data, field.property)) {
        (this as unknown as Record<string, unknown>)[field.property] = (data as Record<string, unknown>)[field.property];
      }
    }
    return this;
  }

  /** Plain data: dates as ISO strings, encrypted fields masked, `@Exclude()` honoured. */
  toJSON(): Record<string, unknown> {
    return toPlain(modelMeta(this.constructor), this);
  }

  /** What `util.inspect` and `console.log` print, at any depth: the fields, encrypted ones masked as in `toJSON()`. */
  [inspect.custom](): object {
    return inspectView(this);
  }
}
