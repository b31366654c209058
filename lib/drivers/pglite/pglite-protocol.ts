/** How a PGlite instance is used by the client, in this thread or in a worker thread. */
export interface PgliteQueryable {
  /** `rowMode: 'array'`: each row an array in select-list order (Drizzle's joins may repeat a column name). */
  query<T>(text: string, params?: unknown[], options?: PgliteQueryOptions): Promise<PgliteResult<T>>;
}

export interface PgliteQueryOptions {
  rowMode?: 'array' | 'object';
}

/** A query's rows with the type of each column (timestamptz arrives as text: see pglite-timestamps.ts). */
export interface PgliteResult<T> {
  rows: T[];
  affectedRows?: number;
  fields?: readonly { name: string; dataTypeID: number }[];
}

/** The part of PGlite's API the client uses; a real PGlite or its worker-thread proxy. */
export interface PgliteHandle extends PgliteQueryable {
  readonly closed: boolean;
  transaction<R>(fn: (tx: PgliteQueryable) => Promise<R>): Promise<R>;
  /** An uncompressed tar of the data directory (the start cache stores it). */
  dumpDataDir(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** What PGlite.create gets, in this thread or in the worker. */
export interface PgliteStartOptions {
  /** Path of `@electric-sql/pglite`'s CommonJS entry, resolved by the caller. */
  modulePath: string;
  /** A directory for persistent data; undefined in memory. */
  dataDir: string | undefined;
  /** A tar of a prepared data directory to start from instead of initdb. */
  loadDataDir: Uint8Array | undefined;
}

export type WorkerRequest =
  | { id: number; op: 'start'; options: PgliteStartOptions }
  | { id: number; op: 'query'; text: string; params: unknown[]; tx: number | undefined; rowMode?: 'array' | 'object' }
  | { id: number; op: 'begin' }
  | { id: number; op: 'end'; tx: number; commit: boolean }
  | { id: number; op: 'dump' }
  | { id: number; op: 'close' };

/** A PostgreSQL error's fields, copied because structured clone keeps only an Error's message. */
export interface WorkerError {
  [field: string]: string | number | undefined;
  message: string;
}

export type WorkerReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WorkerError };
