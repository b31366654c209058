import type { FieldMeta, ModelMeta } from '../../metadata/types';
import type { FilterNode, FindSpec } from '../../query/filter-ast';
import type { StoredRow } from '../driver';
import { compileFilter, compileOrderBy } from './filter-sql';
import { quoteIdent } from './quote';
import { SqlParams } from './sql-params';

/** PostgreSQL accepts at most 65535 parameters per statement. */
const MAX_PARAMS = 65535;

/** A statement and its parameters. */
export interface Statement {
  readonly text: string;
  readonly params: unknown[];
}

/** Per-model SQL that never changes (select list, statement texts by shape), built once. */
export class ModelStatements {
  readonly table: string;
  readonly selectAll: string;
  readonly idColumn: string;
  readonly #byKey = new Map<string, string>();

  constructor(
    private readonly meta: ModelMeta,
    private readonly jsonParam: (value: unknown) => unknown,
  ) {
    this.table = quoteIdent(meta.collection);
    this.idColumn = quoteIdent(meta.id.column);
    this.selectAll = meta.fields.map((f) => quoteIdent(f.column)).join(', ');
  }

  private cached(key: string, build: () => string): string {
    let text = this.#byKey.get(key);
    if (text === undefined) this.#byKey.set(key, (text = build()));
    return text;
  }

  private params(): SqlParams {
    return new SqlParams(this.jsonParam);
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
    const columns = spec.fields ? spec.fields.map((f) => quoteIdent(f.column)).join(', ') : this.selectAll;
    let text = `SELECT ${columns} FROM ${this.table}${this.where(spec.filter, params)}`;
    const sort = spec.sort ?? [];
    if (sort.length > 0 || spec.offset !== undefined) {
      const order = sort.length ? `${compileOrderBy(sort, params)}, ` : '';
      text += ` ORDER BY ${order}${this.idColumn} ASC`;
    }
    if (spec.limit !== undefined) text += ` LIMIT ${params.add(spec.limit)}`;
    if (spec.offset) text += ` OFFSET ${params.add(spec.offset)}`;
    return { text, params: params.values };
  }

  findById(id: string, scope: FilterNode | undefined): Statement {
    if (!scope) return { text: this.cached('findById', () => `SELECT ${this.selectAll} FROM ${this.table} WHERE ${this.idColumn} = $1`), params: [id] };
    const params = this.params();
    params.add(id);
    const scoped = compileFilter(scope, params);
    const text = this.cached(`findById:${scoped}`, () => `SELECT ${this.selectAll} FROM ${this.table} WHERE ${this.idColumn} = $1 AND ${scoped}`);
    return { text, params: params.values };
  }

  count(filter: FilterNode | undefined): Statement {
    const params = this.params();
    const text = `SELECT count(*)::int AS n FROM ${this.table}${this.where(filter, params)}`;
    return { text, params: params.values };
  }

  /** Multi-row INSERTs: one statement per chunk that fits the parameter limit (usually exactly one). */
  insert(rows: readonly StoredRow[]): Statement[] {
    return this.insertStatements('insert', rows, '');
  }

  /** Multi-row INSERT ... ON CONFLICT (id) DO UPDATE of every other column: rows replace those with their ids. */
  upsert(rows: readonly StoredRow[]): Statement[] {
    const others = this.meta.fields.filter((f) => !f.isId).map((f) => `${quoteIdent(f.column)} = EXCLUDED.${quoteIdent(f.column)}`);
    const action = others.length > 0 ? `DO UPDATE SET ${others.join(', ')}` : 'DO NOTHING';
    return this.insertStatements('upsert', rows, ` ON CONFLICT (${this.idColumn}) ${action}`);
  }

  private insertStatements(kind: string, rows: readonly StoredRow[], suffix: string): Statement[] {
    const fields = this.meta.fields;
    const perChunk = Math.max(1, Math.floor(MAX_PARAMS / fields.length));
    const out: Statement[] = [];
    for (let start = 0; start < rows.length; start += perChunk) {
      const chunk = rows.slice(start, start + perChunk);
      const text = this.cached(`${kind}:${chunk.length}`, () => {
        const columns = fields.map((f) => quoteIdent(f.column)).join(', ');
        const tuples: string[] = [];
        let n = 0;
        for (let r = 0; r < chunk.length; r++) tuples.push(`(${fields.map(() => `$${++n}`).join(', ')})`);
        return `INSERT INTO ${this.table} (${columns}) VALUES ${tuples.join(', ')}${suffix}`;
      });
      const params: unknown[] = new Array(chunk.length * fields.length);
      let i = 0;
      for (const row of chunk) for (const field of fields) params[i++] = this.bind(field, row[field.column] ?? null);
      out.push({ text, params });
    }
    return out;
  }

  private assignments(patch: StoredRow, params: SqlParams): string {
    return Object.keys(patch)
      .map((column) => {
        const field = this.meta.byColumn.get(column)!;
        return `${quoteIdent(column)} = ${params.add(this.bind(field, patch[column] ?? null))}`;
      })
      .join(', ');
  }

  updateById(id: string, patch: StoredRow): Statement {
    const columns = Object.keys(patch);
    const text = this.cached(`updateById:${columns.join(',')}`, () => {
      const sets = columns.map((c, i) => `${quoteIdent(c)} = $${i + 1}`).join(', ');
      return `UPDATE ${this.table} SET ${sets} WHERE ${this.idColumn} = $${columns.length + 1}`;
    });
    const params = columns.map((c) => this.bind(this.meta.byColumn.get(c)!, patch[c] ?? null));
    params.push(id);
    return { text, params };
  }

  update(filter: FilterNode | undefined, patch: StoredRow): Statement {
    const params = this.params();
    const sets = this.assignments(patch, params);
    return { text: `UPDATE ${this.table} SET ${sets}${this.where(filter, params)}`, params: params.values };
  }

  delete(filter: FilterNode | undefined): Statement {
    const params = this.params();
    return { text: `DELETE FROM ${this.table}${this.where(filter, params)}`, params: params.values };
  }
}
