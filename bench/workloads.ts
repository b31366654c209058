import { scaled } from './config';
import type { Workload } from './types';

const BATCH = 1000;
/**
 * Untimed calls before a single-row workload is timed, whatever BENCH_SCALE: V8 optimises a path after some hundreds
 * of calls, on a thread whose CPU the process's figure includes. With 50 calls a two-insert transaction still paid for
 * that (three times the CPU of a warm one), and more so for a contender with more code on its path.
 */
const WARMUP = 1000;
/** The same for the MongoDB stand-in, where a call takes about a millisecond. */
const MONGO_WARMUP = 300;
/** Timed single-document calls a round at scale 1: at scale 0.5, two turns a contender a round (a median of few turns swung by ±0.3x). */
const MONGO_CALLS = 800;
/** Timed bulk calls a round: each is one sample (a turn), and a median of one says nothing about the noise. */
const BULK_CALLS = 5;

/**
 * In process a call takes microseconds: sections without a round trip (SQLite, encryption on SQLite) time this many
 * times the calls and warm-up of their PostgreSQL counterparts, so that JIT warm-up does not decide the figures.
 */
export const IN_PROCESS_CALLS_FACTOR = 10;

/** `workload` with `factor` times its timed and warm-up calls. */
export function withMoreCalls(workload: Workload, factor: number): Workload {
  return { ...workload, calls: workload.calls * factor, warmupCalls: workload.warmupCalls * factor };
}

/** The PostgreSQL workloads. Counts scale with BENCH_SCALE; the shape of one call does not. */
export function postgresWorkloads(): Workload[] {
  const bulkRows = Math.ceil(scaled(10_000, BATCH) / BATCH) * BATCH;
  return [
    { id: 'insert-one', label: 'insert one row', unit: 'op', calls: scaled(2000, 100), opsPerCall: 1, warmupCalls: WARMUP, seedRows: 0, rowsPerCall: 1 },
    {
      id: 'bulk-insert',
      label: `bulk insert ${bulkRows} rows, batches of ${BATCH} (1 tx)`,
      unit: 'row',
      calls: BULK_CALLS,
      opsPerCall: bulkRows,
      warmupCalls: 2,
      seedRows: 0,
      rowsPerCall: bulkRows,
      resetAfterWarmup: true,
      params: { batchSize: BATCH, rows: bulkRows },
    },
    { id: 'find-by-id', label: 'find by id', unit: 'op', calls: scaled(2000, 100), opsPerCall: 1, warmupCalls: WARMUP, seedRows: scaled(2000, 200), rowsPerCall: 0 },
    {
      id: 'find-many',
      label: 'find many (1000 rows hydrated)',
      unit: 'op',
      calls: scaled(50, 5),
      opsPerCall: 1,
      warmupCalls: 30,
      seedRows: 2000,
      rowsPerCall: 0,
      params: { limit: 1000 },
    },
    {
      id: 'update-by-id',
      label: 'update one row by id',
      unit: 'op',
      calls: scaled(2000, 100),
      opsPerCall: 1,
      warmupCalls: WARMUP,
      seedRows: 100,
      rowsPerCall: 0,
    },
    { id: 'transaction', label: 'transaction of 2 inserts', unit: 'tx', calls: scaled(500, 50), opsPerCall: 1, warmupCalls: WARMUP, seedRows: 0, rowsPerCall: 2 },
  ];
}

/**
 * The MongoDB workloads: the PostgreSQL shapes, with counts scaled down for the wire stand-in (a Python mongomock
 * server that scans linearly and serialises every command), so the section stays near two minutes at scale 1.
 */
export function mongoWorkloads(): Workload[] {
  const bulkRows = Math.ceil(scaled(5_000, BATCH) / BATCH) * BATCH;
  return [
    { id: 'insert-one', label: 'insert one document', unit: 'op', calls: scaled(MONGO_CALLS, 30), opsPerCall: 1, warmupCalls: MONGO_WARMUP, seedRows: 0, rowsPerCall: 1 },
    {
      id: 'bulk-insert',
      label: `bulk insert ${bulkRows} docs, batches of ${BATCH}`,
      unit: 'doc',
      calls: BULK_CALLS,
      opsPerCall: bulkRows,
      warmupCalls: 2,
      seedRows: 0,
      rowsPerCall: bulkRows,
      resetAfterWarmup: true,
      params: { batchSize: BATCH, rows: bulkRows },
    },
    { id: 'find-by-id', label: 'find by id', unit: 'op', calls: scaled(MONGO_CALLS, 30), opsPerCall: 1, warmupCalls: MONGO_WARMUP, seedRows: scaled(300, 100), rowsPerCall: 0 },
    {
      id: 'find-many',
      label: 'find many (1000 docs hydrated)',
      unit: 'op',
      calls: scaled(10, 3),
      opsPerCall: 1,
      warmupCalls: 2,
      seedRows: 2000,
      rowsPerCall: 0,
      params: { limit: 1000 },
    },
    { id: 'update-by-id', label: 'update one document by id', unit: 'op', calls: scaled(MONGO_CALLS, 30), opsPerCall: 1, warmupCalls: MONGO_WARMUP, seedRows: 100, rowsPerCall: 0 },
  ];
}

/** The encryption workloads (PostgreSQL): the same model with a plain and an encrypted CPF. */
export function encryptionWorkloads(): Workload[] {
  return [
    { id: 'insert-one', label: 'insert one row with a CPF', unit: 'op', calls: scaled(2000, 100), opsPerCall: 1, warmupCalls: WARMUP, seedRows: 0, rowsPerCall: 1 },
    {
      id: 'find-by-cpf',
      label: 'findOne({ cpf })',
      unit: 'op',
      calls: scaled(2000, 100),
      opsPerCall: 1,
      warmupCalls: WARMUP,
      seedRows: scaled(2000, 200),
      rowsPerCall: 0,
    },
  ];
}
