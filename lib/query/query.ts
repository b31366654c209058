import { QueryError } from '../errors';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { hydrate } from '../model/hydrate';
import { guarded, opContext, withContext } from '../model/op-context';
import type { DataKeys } from '../model/model-types';
import { modelMeta } from '../metadata/model-meta';
import { populate } from '../relations/populate';
import { addPopulatePaths, type PopulateTree } from '../relations/populate-paths';
import { decodeCursor, encodeCursor, type CursorValue } from './cursor-token';
import { and, type FilterNode, type FindSpec, type SortSpec } from './filter-ast';
import { parseFilter, parseSort } from './filter-parse';
import type { Filter, OrderBy } from './filter-types';
import { cursorScope, pageArgs, reversed, seekFilter, seekKeys, type CursorPage, type CursorPageArgs } from './keyset';
import { scopeFilter, type DeletedScope } from './scope';
import { READ_FROM, withReadFrom, type ReadFrom } from '../drivers/routing/read-scope';
import type { Answer, StoredRow } from '../drivers/driver';
import { whereToFilter, type WhereOperator } from './where-operators';

/** A field of the model, or a dotted path into one of its JSON fields. */
export type FieldPath<T> = DataKeys<T> | `${DataKeys<T>}.${string}`;

interface QueryState {
  readonly filters: readonly FilterNode[];
  readonly sort: readonly SortSpec[];
  readonly limit?: number;
  readonly offset?: number;
  readonly fields?: readonly FieldMeta[];
  readonly scope: DeletedScope;
  readonly populate?: PopulateTree;
  readonly readFrom?: ReadFrom;
}

/** One page of results. */
export interface Page<T> {
  items: T[];
  page: number;
  perPage: number;
  total: number;
  pages: number;
}

function count(value: unknown, what: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new QueryError(`${what} must be a whole number from ${min} to ${Number.MAX_SAFE_INTEGER}`);
  }
  return value;
}

const ownList = <T>(instances: T[]): T[] => instances;
const firstOf = <T>(instances: T[]): T | null => instances[0] ?? null;
const isNotEmpty = (instances: unknown[]): boolean => instances.length > 0;

/**
 * An immutable query over one model: every method returns a new query; `execute`, `first`, `count`,
 * `paginate` and `stream` run it. Filters are validated when they are added.
 *
 * @example
 * const next = await Appointment.query()
 *   .where({ status: 'scheduled' })
 *   .where('appointmentDate', '>=', new Date())
 *   .orderBy('appointmentDate')
 *   .limit(10)
 *   .execute();
 */
export class Query<T> {
  private constructor(
    private readonly ctor: Function,
    private readonly state: QueryState,
  ) {}

  /** A query over all (non-deleted) rows of a model. */
  static of<T>(ctor: Function): Query<T> {
    modelMeta(ctor);
    return new Query<T>(ctor, { filters: [], sort: [], limit: undefined, offset: undefined, fields: undefined, scope: 'active', populate: undefined, readFrom: undefined });
  }

  /** A copy with `patch` applied, built key by key: `{ ...state, ...patch }` costs V8 a slow path (about 0.5 µs) for a key `state` lacks. */
  private with(patch: Partial<QueryState>): Query<T> {
    const s = this.state;
    return new Query<T>(this.ctor, {
      filters: patch.filters ?? s.filters,
      sort: patch.sort ?? s.sort,
      limit: 'limit' in patch ? patch.limit : s.limit,
      offset: 'offset' in patch ? patch.offset : s.offset,
      fields: 'fields' in patch ? patch.fields : s.fields,
      scope: patch.scope ?? s.scope,
      populate: 'populate' in patch ? patch.populate : s.populate,
      readFrom: 'readFrom' in patch ? patch.readFrom : s.readFrom,
    });
  }

  /** Adds a filter (ANDed with the others): an object, or `field, operator, value`. */
  where(filter: Filter<T>): Query<T>;
  where(field: FieldPath<T>, operator: WhereOperator, value: unknown): Query<T>;
  where(field: FieldPath<T>, value: unknown): Query<T>;
  where(...args: unknown[]): Query<T> {
    const input =
      args.length >= 3 ? whereToFilter(args[0] as string, args[1] as string, args[2])
      : args.length === 2 ? whereToFilter(args[0] as string, '=', args[1])
      : args[0];
    const node = parseFilter(modelMeta(this.ctor), input);
    return node ? this.with({ filters: [...this.state.filters, node] }) : this;
  }

  /** Adds a sort key (after the ones already given). */
  orderBy(field: FieldPath<T>, direction?: 'asc' | 'desc'): Query<T>;
  orderBy(order: OrderBy<T>): Query<T>;
  orderBy(order: unknown, direction: 'asc' | 'desc' = 'asc'): Query<T> {
    const input = typeof order === 'string' ? { [order]: direction } : order;
    return this.with({ sort: [...this.state.sort, ...parseSort(modelMeta(this.ctor), input)] });
  }

  limit(limit: number): Query<T> {
    return this.with({ limit: count(limit, 'limit', 0) });
  }

  offset(offset: number): Query<T> {
    return this.with({ offset: count(offset, 'offset', 0) });
  }

  /** Loads only these fields (and `id`). Such partial instances refuse `save()`. */
  select(...fields: Array<DataKeys<T>>): Query<T> {
    const meta = modelMeta(this.ctor);
    const picked = fields.map((property) => {
      const field = meta.byProperty.get(property);
      if (!field || field.derivedFrom) throw new QueryError(`${meta.name}: cannot select unknown field '${property}'`);
      return field;
    });
    return this.with({ fields: [meta.id, ...picked.filter((f) => !f.isId)] });
  }

  /**
   * Where this query reads when its database has replicas (overrides the model's and the database's `readFrom`).
   * Inside a transaction, right after a write of the same async context, and for `stream()`, reads stay on the primary.
   */
  readFrom(readFrom: ReadFrom): Query<T> {
    if (!READ_FROM.includes(readFrom)) throw new QueryError("readFrom must be 'primary' or 'replica'");
    return this.with({ readFrom });
  }

  /** Runs `read` with this query's `readFrom`, if it has one. */
  private routed<R>(read: () => Answer<R>): Answer<R> {
    return this.state.readFrom ? withReadFrom(this.state.readFrom, read) : read();
  }

  /** Includes soft-deleted rows. */
  withDeleted(): Query<T> {
    return this.with({ scope: 'with' });
  }

  /** Only soft-deleted rows. */
  onlyDeleted(): Query<T> {
    return this.with({ scope: 'only' });
  }

  /**
   * Also loads these relations (dotted paths go deeper: `'patient.doctor'`): one query per relation and level,
   * on the related model's own database. An unknown name is a QueryError.
   */
  populate(...paths: string[]): Query<T> {
    return this.with({ populate: addPopulatePaths(modelMeta(this.ctor), this.state.populate, paths) });
  }

  /** The instances of `rows`, their relations populated when asked: a promise only when there is work to wait for. */
  private instancesOf(meta: ModelMeta, rows: readonly StoredRow[]): T[] | Promise<T[]> {
    const instances = hydrate<T>(meta, rows, this.state.fields !== undefined);
    const tree = this.state.populate;
    if (!tree) return instances;
    const populated = (list: T[]) => populate(meta, list as object[], tree).then(() => list);
    return instances instanceof Promise ? instances.then(populated) : populated(instances);
  }

  private filterNode(): FilterNode | undefined {
    const scope = scopeFilter(modelMeta(this.ctor), this.state.scope);
    const nodes = scope ? [...this.state.filters, scope] : this.state.filters;
    return nodes.length ? and(nodes) : undefined;
  }

  private spec(): FindSpec {
    const { sort, limit, offset, fields } = this.state;
    return { filter: this.filterNode(), sort, limit, offset, fields };
  }

  /** Runs the query (a chain rather than an async function: each promise is costly while async hooks are on). */
  execute(): Promise<T[]> {
    return this.run(ownList);
  }

  /** Runs the query and makes `pick` of its instances, in the step that makes them (no promise more). */
  private run<R>(pick: (instances: T[]) => R): Promise<R> {
    return withContext(this.ctor, (ctx) =>
      guarded(
        ctx,
        () => this.routed(() => ctx.driver.find(ctx.meta, this.spec(), ctx.tx)),
        (rows) => {
          const instances = this.instancesOf(ctx.meta, rows);
          return instances instanceof Promise ? instances.then(pick) : pick(instances);
        },
      ),
    );
  }

  /** The first result, or null. */
  first(): Promise<T | null> {
    return this.limit(1).run(firstOf);
  }

  /** How many rows match (limit / offset ignored). */
  count(): Promise<number> {
    return withContext(this.ctor, (ctx) => guarded(ctx, () => this.routed(() => ctx.driver.count(ctx.meta, this.filterNode(), ctx.tx))));
  }

  exists(): Promise<boolean> {
    return this.select().limit(1).run(isNotEmpty);
  }

  /** One page and the totals. `page` starts at 1. */
  async paginate({ page = 1, perPage = 20 }: { page?: number; perPage?: number } = {}): Promise<Page<T>> {
    count(page, 'page', 1);
    count(perPage, 'perPage', 1);
    const [total, items] = await Promise.all([this.count(), this.offset((page - 1) * perPage).limit(perPage).execute()]);
    return { items, page, perPage, total, pages: Math.ceil(total / perPage) };
  }

  /**
   * One keyset page: the `first` rows (at most 10,000) after the cursor `after`, or the `last` rows before the
   * cursor `before`, in the order of `orderBy` with the id as the final tie-breaker. Pages stay stable while rows
   * are added or removed, and each costs one indexed query (no offset, no count). Cursors are opaque and signed:
   * a changed one, or one of another model or sort, is a QueryError. Sorts on json values or encrypted fields
   * are refused.
   *
   * @example
   * const page = await Appointment.query().orderBy('appointmentDate').cursorPage({ first: 20 });
   * const next = await Appointment.query().orderBy('appointmentDate').cursorPage({ first: 20, after: page.endCursor });
   * const back = await Appointment.query().orderBy('appointmentDate').cursorPage({ last: 20, before: next.startCursor });
   */
  async cursorPage(args: CursorPageArgs): Promise<CursorPage<T>> {
    const { size, cursor, backward } = pageArgs(args);
    if (this.state.limit !== undefined || this.state.offset !== undefined) {
      throw new QueryError('cursorPage pages by itself: leave out limit() and offset()');
    }
    const meta = modelMeta(this.ctor);
    const keys = seekKeys(meta, this.state.sort);
    const scope = cursorScope(meta, keys);
    const order = backward ? reversed(keys) : keys;
    const given = cursor !== undefined && cursor !== null;
    const { fields } = this.state;
    const rows = await this.with({
      filters: given ? [...this.state.filters, seekFilter(meta, order, decodeCursor(scope, cursor, keys.length))] : this.state.filters,
      sort: order,
      limit: size + 1,
      fields: fields && [...fields, ...keys.map((k) => k.ref.field).filter((f) => !fields.includes(f))],
    }).execute();
    const more = rows.length > size;
    const items = rows.slice(0, size);
    if (backward) items.reverse();
    const cursorOf = (item: T | undefined): string | null =>
      item === undefined ? null : encodeCursor(scope, keys.map((k) => ((item as Record<string, unknown>)[k.ref.field.property] ?? null) as CursorValue));
    return {
      items,
      startCursor: cursorOf(items[0]),
      endCursor: cursorOf(items.at(-1)),
      hasNextPage: backward ? given : more,
      hasPreviousPage: backward ? more : given,
    };
  }

  /** Reads on a server-side cursor, `batchSize` rows at a time; memory stays bounded. */
  async *stream({ batchSize = 500 }: { batchSize?: number } = {}): AsyncGenerator<T> {
    count(batchSize, 'batchSize', 1);
    let ctx = opContext(this.ctor);
    if (ctx instanceof Promise) ctx = await ctx;
    const batches = ctx.driver.stream(ctx.meta, this.spec(), batchSize, ctx.tx);
    try {
      for await (const rows of batches) {
        for (const instance of await this.instancesOf(ctx.meta, rows)) yield instance;
      }
    } catch (error) {
      throw ctx.driver.convertError(error, ctx.meta);
    }
  }

  /** @internal The filter for bulk writes (scope included). */
  get bulkFilter(): FilterNode | undefined {
    if (this.state.sort.length || this.state.limit !== undefined || this.state.offset !== undefined) {
      throw new QueryError('bulk updates and deletes take a filter only (no orderBy, limit or offset)');
    }
    return this.filterNode();
  }
}
