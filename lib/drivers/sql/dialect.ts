import type { FieldMeta, IndexMeta, ModelMeta } from '../../metadata/types';
import type { FilterNode, RegexValue, SortSpec } from '../../query/filter-ast';
import type { StoredRow } from '../driver';
import type { SqlResult } from './sql-client';
import type { SqlParams } from './sql-params';
import type { Statement } from './statements';
import type { SqlMigrationDialect } from '../../migrate/sql/sql-migration-dialect';

type Cmp = Extract<FilterNode, { kind: 'cmp' }>;
type ElemMatch = Extract<FilterNode, { kind: 'elemMatch' }>;

/** Where the paths of json refs start: a field's own column, or one element of an array inside `$elemMatch`. */
export interface JsonScope {
  /** SQL of the json value paths start from; undefined: the ref's own column. */
  readonly root?: string;
  /** Inside a value-form `$elemMatch`: the element itself is compared, not expanded into its own elements. */
  readonly element?: boolean;
  /** Nesting depth of `$elemMatch`, which keeps aliases apart. */
  readonly depth: number;
}

/** The scope of a filter on a model's own columns. */
export const TOP_SCOPE: JsonScope = { depth: 0 };

/** Compiles a (nested) filter in a json scope; handed to the dialect for `$elemMatch`. */
export type CompileFilter = (node: FilterNode, params: SqlParams, scope: JsonScope) => string;

/** A DDL statement, and the index it builds, if any. */
export interface SyncStatement {
  readonly text: string;
  readonly index?: IndexMeta;
}

/** The INSERT of many rows into one table, in a dialect's own fastest form; built once per model. */
export interface RowsInsert {
  /** The statements that insert `rows` (stored rows holding every field of the model). */
  statements(rows: readonly StoredRow[]): Statement[];
}

/** Runs a statement Drizzle wrote on essencia's connection (or the current transaction); see SqlExecutor.raw. */
export type DrizzleRun = (text: string, params: readonly unknown[], arrays: boolean) => Promise<SqlResult>;

/** Runs a read-only statement during `sync()` (introspection). */
export type Introspect = (text: string, params: readonly unknown[]) => Promise<SqlResult>;

/**
 * What differs between SQL dialects. The shared compiler (filter-sql.ts, statements.ts) and SqlDriver build every
 * statement through this object and never ask which dialect it is; a client (sql-client.ts) does the I/O. Every
 * condition a dialect writes must be two-valued (never NULL), so that `NOT` keeps MongoDB's meaning.
 */
export interface SqlDialect {
  /** For messages (`PostgreSQL`, `MySQL`...). */
  readonly name: string;
  /** The most parameters one statement may bind. */
  readonly maxParams: number;
  /** The placeholder of the `n`th parameter (1-based): `$n`, or `?` where placeholders are bound in text order. */
  placeholder(n: number): string;
  /** Quotes a name that comes from metadata (user-supplied names are always parameters). */
  quoteIdent(name: string): string;

  /**
   * How a field's values compare where its column's own order is not theirs (SQLite stores decimals as text): the
   * expression compared instead of the column, and the value bound instead of the operand. Undefined: as they are.
   */
  comparedAs?(field: FieldMeta): { column(c: string): string; value(v: unknown): unknown } | undefined;
  /** `c` differs from the parameter `p`, NULL-safe (a NULL column differs from any value). */
  distinctFrom(c: string, p: string): string;
  /** `c IN (values)` / `c NOT IN (values)` for a non-empty list of non-null values; no NULL handling needed. */
  inList(c: string, field: FieldMeta, values: readonly unknown[], params: SqlParams, negate: boolean): string;
  /** `c` matches a LIKE pattern byte-wise (`%`, `_`, backslash escapes). */
  like(c: string, pattern: string, params: SqlParams): string;
  /** `c` matches a LIKE pattern, every Unicode letter folded. */
  ilike(c: string, pattern: string, params: SqlParams): string;
  /** `c` matches a `$regex` with MongoDB's meaning. */
  regex(c: string, re: RegexValue, params: SqlParams): string;
  /** A comparison on a json field or a path into it, with MongoDB's path rules (see FilterNode). */
  jsonCmp(node: Cmp, params: SqlParams, scope: JsonScope): string;
  /** `$elemMatch` on a json field or path; `compile` compiles the inner filter in the element's scope. */
  elemMatch(node: ElemMatch, params: SqlParams, scope: JsonScope, compile: CompileFilter): string;

  /**
   * ORDER BY items for one sort key: nulls first ascending, last descending; json values in MongoDB's type order.
   * `table` (quoted) qualifies a column the select list reads through an expression named after it (see
   * `selectItem`): a bare name would sort by that expression, which no index serves.
   */
  orderBy(sort: SortSpec, params: SqlParams, table: string): string;
  /** The LIMIT / OFFSET clause (with a leading space), or ''. */
  limitOffset(limit: number | undefined, offset: number | undefined, params: SqlParams): string;
  /**
   * The select-list item that reads a field (`column` is quoted), named as its column, where reading the column
   * itself costs the client more than an expression; undefined (or no method): the column.
   */
  selectItem?(field: FieldMeta, column: string): string | undefined;
  /** The select-list expression of `count(*)` as a JS number. */
  readonly countAll: string;
  /**
   * How this dialect inserts more than one row when it has a faster way than one multi-row `VALUES` statement per
   * chunk of `maxParams` parameters (`table` is quoted); undefined (or no method): multi-row `VALUES`. Only for
   * rows the model layer encoded and validated.
   */
  rowsInsert?(table: string, fields: readonly FieldMeta[]): RowsInsert | undefined;
  /** The clause after a multi-row INSERT that makes rows replace those with the same id (`columns` are quoted). */
  upsertSuffix(idColumn: string, columns: readonly string[]): string;

  /** The statements that bring a table up to its model (create it, add missing columns and indexes). */
  syncStatements(meta: ModelMeta, introspect: Introspect): Promise<SyncStatement[]>;
  /** Stored rows as essencia expects them (booleans, json values, dates), from what the client returned. */
  decodeRows(fields: readonly FieldMeta[], rows: StoredRow[]): StoredRow[];
  /** Maps a native error to the EssenciaError family (keeping it as `cause`); other errors as they are. */
  convertError(error: unknown, meta?: ModelMeta): unknown;
  /** Like convertError for a write of `rows`, naming the fields where the server does not. */
  convertWriteError(error: unknown, meta: ModelMeta, rows: readonly StoredRow[]): unknown;
  /** The Drizzle table of a model in this dialect (`pgTable`, `mysqlTable`, ...), for `Model.table`. */
  drizzleTable(meta: ModelMeta): unknown;
  /** Schema migrations in this dialect (introspection, lock, DDL); absent: `db.migrations` says it is not supported. */
  readonly migrations?: SqlMigrationDialect;
  /** A Drizzle database of this dialect (its `*-proxy` driver) whose every statement goes through `run`. */
  drizzle(run: DrizzleRun): unknown;
}
