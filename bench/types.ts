/** The contract between the generic runner and every contender / workload. */

/** One row of the bench table (`id text primary key, name, email, age, score, active, created_at`). */
export interface BenchRow {
  id: string;
  name: string;
  email: string;
  age: number;
  score: number;
  active: boolean;
  createdAt: Date;
}

/** A row as a caller hands it to an insert: the contender (or the library) makes the id. */
export type NewRow = Omit<BenchRow, 'id'>;

/** One timed operation; `i` counts from 0 over warm-up, then again from 0 over the timed loop. */
export type Op = (i: number) => Promise<unknown>;

/** What a workload gives a contender to build its operation from (generated before any timing). */
export interface Fixture {
  /** Rows already stored by `Contender.seed` (with their ids). */
  readonly seeded: readonly BenchRow[];
  /** Fresh rows for warm-up calls (`warmupRows[i]`), no ids. */
  readonly warmupRows: readonly NewRow[];
  /** Fresh rows for timed calls (`timedRows[i]`), no ids. */
  readonly timedRows: readonly NewRow[];
  /** Workload parameters (batch size, limit...). */
  readonly params: Readonly<Record<string, number>>;
}

/**
 * A contender: set up / torn down once per process run, reset before every workload, and one factory per
 * workload it supports. A factory runs untimed (load instances, prepare statements) and returns the op.
 */
export interface Contender {
  readonly name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** Fresh state: empties this contender's storage. */
  reset(): Promise<void>;
  /** Untimed: stores fixture rows (ids included). */
  seed(rows: readonly BenchRow[]): Promise<void>;
  /** Server settings as this contender's connections see them (printed, to check every contender runs alike). */
  settings?(): Promise<Record<string, string>>;
  readonly workloads: Readonly<Record<string, (fixture: Fixture) => Op | Promise<Op>>>;
}

/** A workload: how many calls are timed, what one call counts as, and what data it needs. */
export interface Workload {
  readonly id: string;
  readonly label: string;
  /** Timed calls of the op. */
  readonly calls: number;
  /** Operations one call counts for (bulk insert: rows per call). */
  readonly opsPerCall: number;
  /** What an operation is, for the table (`op`, `row`, `tx`...). */
  readonly unit: string;
  readonly warmupCalls: number;
  /** Rows stored with `Contender.seed` before the op is built. */
  readonly seedRows: number;
  /** Fresh rows needed per call (inserts), 0 for reads. */
  readonly rowsPerCall: number;
  /** Empty the storage again after the warm-up (bulk: the timed load starts from an empty table). */
  readonly resetAfterWarmup?: boolean;
  readonly params?: Readonly<Record<string, number>>;
}

/** A section of the benchmark: contenders, the workloads they all run, and the contender ratios are taken to. */
export interface Suite {
  readonly title: string;
  /** Prefix of the workload keys in the results (empty for the main PostgreSQL section). */
  readonly keyPrefix: string;
  readonly baseline: string;
  readonly contenders: readonly Contender[];
  readonly workloads: readonly Workload[];
  /**
   * Client CPU is the figure that matters: results also carry `cpuRatio` (CPU µs/op over the baseline's, turn by turn),
   * `cpuRatioRange` (the lowest and highest ratio of one round) and `cpuDeltaUs` (CPU µs/op minus the baseline's,
   * median of the differences between blocks timed side by side), and the table shows them.
   */
  readonly compareCpu?: boolean;
  /** Lines printed under the table (caveats: what the figures mean and what they do not). */
  readonly notes?: readonly string[];
  /** Extra lines computed from the results (derived figures, targets), printed under the table. */
  readonly summary?: (results: Results) => string[];
}

/** One measurement of one contender on one workload. */
export interface Sample {
  readonly ops: number;
  readonly seconds: number;
  readonly cpuMicros: number;
}

/** The median result of a contender on a workload. */
export interface Result {
  opsPerSec: number;
  ratio: number;
  cpuUsPerOp: number;
  /** Suites with `compareCpu`: the median over turns of CPU µs/op over the baseline's in the turn timed beside it. */
  cpuRatio?: number;
  /** Suites with `compareCpu`: the lowest and highest CPU ratio of a single round (each the median of its turns' ratios). */
  cpuRatioRange?: [number, number];
  /** Suites with `compareCpu`: cpuUsPerOp - the baseline's, median of the differences between blocks timed side by side. */
  cpuDeltaUs?: number;
}

export type Results = Record<string, Record<string, Result>>;
