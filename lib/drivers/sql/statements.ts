import type { FieldMeta, ModelMeta } from '../../metadata/types';
import type { FilterNode, FindSpec } from '../../query/filter-ast';
import type { StoredRow } from '../driver';
import type { RowsInsert, SqlDialect } from './dialect';
import { compileFilter, compileOrderBy } from './filter-sql';
import { SqlParams } from './sql-params';

const noSuffix = (): string => '';

/** A statement and its parameters. */
export interface Statement {
  readonly text: string;
  readonly params: unknown[];
}

/** Writes one row's values into `params` from `at`, in the order of the model's fields. */
type RowParams = (row: StoredRow, params: unknown[], at: number) => void;

/**
 * A {@link RowParams} compiled for one model: a read per column with a constant key (a loop reading
 * `row[field.column]` is a megamorphic keyed lookup per value), each value bound as `bind()` binds it (null for
 * absent, `jsonParam` for json columns). Names come from the model's metadata, never from data, and are embedded
 * as JSON literals.
 */
function compileRowParams(fields: readonly FieldMeta[], jsonParam: (value: unknown) => unknown): RowParams {
  const lines = fields.map((f, i) => {
    const read = `v = row[${JSON.stringify(f.column)}];`;
    const bound = f.type === 'json' ? 'json(v)' : 'v';
    return `  ${read} params[at + ${i}] = v === undefined || v === null ? null : ${bound};`;
  });
  const body = ['return function rowParams(row, params, at) {', '  let v;', ...lines, '};'].join('\n');
  return new Function('json', body)(jsonParam) as RowParams;
}

/** Per-model SQL of one driver that never changes (select list, statement texts by shape), built once. */
export class ModelStatements {
  readonly table: string;
  readonly selectAll: string;
  readonly idColumn: string;
  readonly #byKey = new Map<string, string>();
  /** UPDATE ... WHERE id texts by the columns they set. */
  readonly #updateById = new Map<string, string>();
  #findById: string | undefined;
  /** INSERT texts by their number of rows (keys that build no string per call). */
  readonly #insertTexts = new Map<number, string>();
  readonly #upsertTexts = new Map<number, string>();
  /** The most rows one INSERT takes within the dialect's limit on parameters. */
  readonly #rowsPerInsert: number;
  readonly #q: (name: string) => string;
  readonly #rowsInsert: RowsInsert | undefined;
  readonly #rowParams: RowParams;

  constructor(
    private readonly meta: ModelMeta,
    private readonly dialect: SqlDialect,
    private readonly jsonParam: (value: unknown) => unknown,
  ) {
    this.#q = (name) => dialect.quoteIdent(name);
    this.table = this.#q(meta.collection);
    this.idColumn = this.#q(meta.id.column);
    this.selectAll = this.selectList(meta.fields);
    this.#rowsInsert = dialect.rowsInsert?.(this.table, meta.fields);
    this.#rowsPerInsert = Math.max(1, Math.floor(dialect.maxParams / meta.fields.length));
    this.#rowParams = compileRowParams(meta.fields, jsonParam);
  }

  private selectList(fields: readonly FieldMeta[]): string {
    return fields
      .map((f) => {
        const column = this.#q(f.column);
        return this.dialect.selectItem?.(f, column) ?? column;
      })
      .join(', ');
  }

  private cached(key: string, build: () => string): string {
    let text = this.#byKey.get(key);
    if (text === undefined) this.#byKey.set(key, (text = build()));
    return text;
  }

  private params(): SqlParams {
    return new SqlParams(this.dialect, this.jsonParam);
  }

  /** A value as this client must bind it to a column of `field`'s type. */
  private bind(field: FieldMeta, value: unknown): unknown {
    return field.type === 'json' && value !== null && value !== undefined ? this.jsonParam(value) : value;
  }

  private where(filter: FilterNode | undefined, params: SqlParams): string {
    return filter ? ` WHERE ${compileFilter(filter, params)}` : '';
  }

  select(spec: FindSpec): Statement {
    const params = this.params();
    const columns = spec.fields ? this.selectList(spec.fields) : this.selectAll;
    let text = `SELECT ${columns} FROM ${this.table}${this.where(spec.filter, params)}`;
    const sort = spec.sort ?? [];
    if (sort.length > 0 || spec.offset !== undefined) {
      const order = sort.length ? `${compileOrderBy(sort, params, this.table)}, ` : '';
      text += ` ORDER BY ${order}${this.idColumn} ASC`;
    }
    text += this.dialect.limitOffset(spec.limit, spec.offset, params);
    return { text, params: params.values };
  }

  findById(id: string, scope: FilterNode | undefined): Statement {
    const byId = (this.#findById ??= `SELECT ${this.selectAll} FROM ${this.table} WHERE ${this.idColumn} = ${this.dialect.placeholder(1)}`);
    if (!scope) return { text: byId, params: [id] };
    const params = this.params();
    params.add(id);
    const scoped = compileFilter(scope, params);
    const text = this.cached(`findById:${scoped}`, () => `${byId} AND ${scoped}`);
    return { text, params: params.values };
  }

  count(filter: FilterNode | undefined): Statement {
    const params = this.params();
    const text = `SELECT ${this.dialect.countAll} AS n FROM ${this.table}${this.where(filter, params)}`;
    return { text, params: params.values };
  }

  /**
   * Many rows in the dialect's own bulk form where it has one; else (and for one row, the prepared statement of
   * `create`) multi-row INSERTs, one per chunk that fits the parameter limit (usually exactly one).
   */
  insert(rows: readonly StoredRow[]): Statement[] {
    if (rows.length > 1 && this.#rowsInsert) return this.#rowsInsert.statements(rows);
    return this.insertStatements('insert', rows, noSuffix);
  }

  /** Multi-row INSERTs whose rows replace those with their ids (every other column is overwritten). */
  upsert(rows: readonly StoredRow[]): Statement[] {
    const suffix = () => this.dialect.upsertSuffix(this.idColumn, this.meta.fields.map((f) => this.#q(f.column)));
    return this.insertStatements('upsert', rows, suffix);
  }

  private insertStatements(kind: 'insert' | 'upsert', rows: readonly StoredRow[], suffix: () => string): Statement[] {
    const fields = this.meta.fields;
    const perChunk = this.#rowsPerInsert;
    const texts = kind === 'insert' ? this.#insertTexts : this.#upsertTexts;
    const out: Statement[] = [];
    for (let start = 0; start < rows.length; start += perChunk) {
      // The usual single chunk is `rows` itself, not a copy.
      const chunk = rows.length <= perChunk ? rows : rows.slice(start, start + perChunk);
      let text = texts.get(chunk.length);
      if (text === undefined) {
        const columns = fields.map((f) => this.#q(f.column)).join(', ');
        const tuples: string[] = [];
        let n = 0;
        for (let r = 0; r < chunk.length; r++) tuples.push(`(${fields.map(() => this.dialect.placeholder(++n)).join(', ')})`);
        texts.set(chunk.length, (text = `INSERT INTO ${this.table} (${columns}) VALUES ${tuples.join(', ')}${suffix()}`));
      }
      const params: unknown[] = new Array(chunk.length * fields.length);
      for (let r = 0; r < chunk.length; r++) this.#rowParams(chunk[r]!, params, r * fields.length);
      out.push({ text, params });
    }
    return out;
  }

  private assignments(patch: StoredRow, params: SqlParams): string {
    return Object.keys(patch)
      .map((column) => {
        const field = this.meta.byColumn.get(column)!;
        return `${this.#q(column)} = ${params.add(this.bind(field, patch[column] ?? null))}`;
      })
      .join(', ');
  }

  /** The id a filter matches when it is exactly `{ id }` (`updateMany({ id }, patch)`): its statement is cached. */
  private idOnly(filter: FilterNode | undefined): string | undefined {
    if (filter?.kind !== 'cmp' || filter.op !== 'eq' || !filter.ref.field.isId || filter.ref.path.length > 0) return undefined;
    return typeof filter.value === 'string' ? filter.value : undefined;
  }

  updateById(id: string, patch: StoredRow): Statement {
    const columns = Object.keys(patch);
    // A single column (saving one change) is its own key: a property name V8 has hashed already, no string built per call.
    const key = columns.length === 1 ? columns[0]! : columns.join('\u0000');
    let text = this.#updateById.get(key);
    if (text === undefined) {
      const sets = columns.map((c, i) => `${this.#q(c)} = ${this.dialect.placeholder(i + 1)}`).join(', ');
      text = `UPDATE ${this.table} SET ${sets} WHERE ${this.idColumn} = ${this.dialect.placeholder(columns.length + 1)}`;
      this.#updateById.set(key, text);
    }
    const params: unknown[] = new Array(columns.length + 1);
    for (let i = 0; i < columns.length; i++) params[i] = this.bind(this.meta.byColumn.get(columns[i]!)!, patch[columns[i]!] ?? null);
    params[columns.length] = id;
    return { text, params };
  }

  update(filter: FilterNode | undefined, patch: StoredRow): Statement {
    const id = this.idOnly(filter);
    if (id !== undefined) return this.updateById(id, patch);
    const params = this.params();
    const sets = this.assignments(patch, params);
    return { text: `UPDATE ${this.table} SET ${sets}${this.where(filter, params)}`, params: params.values };
  }

  delete(filter: FilterNode | undefined): Statement {
    const params = this.params();
    return { text: `DELETE FROM ${this.table}${this.where(filter, params)}`, params: params.values };
  }
}
