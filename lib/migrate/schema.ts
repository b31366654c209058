/**
 * The schema of a database in terms every backend can state: tables (collections) with columns (keys) and indexes.
 * Each backend reads its live schema into these shapes and states what a model asks for in the same terms, so that
 * one comparison serves every backend.
 */

/** A column, or a key of a collection's validator. `type` is the backend's own spelling, normalised. */
export interface ColumnShape {
  readonly name: string;
  readonly type: string;
  readonly nullable: boolean;
}

/** An index over columns (primary keys and MongoDB's `_id_` are not listed). */
export interface IndexShape {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
  /** PostgreSQL: the index lists its columns `NULLS FIRST` (the null order essencia sorts by); undefined elsewhere. */
  readonly nullsFirst?: boolean;
}

/** A table or collection. */
export interface TableShape {
  readonly name: string;
  /** Undefined where the backend cannot tell (a MongoDB collection without a validator). */
  readonly columns: readonly ColumnShape[] | undefined;
  readonly indexes: readonly IndexShape[];
}

/** What a database holds, by table name. */
export type SchemaShape = ReadonlyMap<string, TableShape>;

/** The column of a table with this name, if the table lists it. */
export function columnOf(table: TableShape, name: string): ColumnShape | undefined {
  return table.columns?.find((c) => c.name === name);
}

/** Whether two indexes hold the same keys (same columns in the same order, same uniqueness), whatever their null order. */
export function sameIndex(a: IndexShape, b: IndexShape): boolean {
  return a.unique === b.unique && a.columns.length === b.columns.length && a.columns.every((c, i) => c === b.columns[i]);
}
