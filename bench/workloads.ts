import { scaled } from './config';
import type { Workload } from './types';

const BATCH = 1000;

/** The PostgreSQL workloads. Counts scale with BENCH_SCALE; the shape of one call does not. */
export function postgresWorkloads(): Workload[] {
  const bulkRows = Math.ceil(scaled(10_000, BATCH) / BATCH) * BATCH;
  return [
    { id: 'insert-one', label: 'insert one row', unit: 'op', calls: scaled(2000, 100), opsPerCall: 1, warmupCalls: scaled(200, 20), seedRows: 0, rowsPerCall: 1 },
    {
      id: 'bulk-insert',
      label: `bulk insert ${bulkRows} rows, batches of ${BATCH} (1 tx)`,
      unit: 'row',
      calls: 1,
      opsPerCall: bulkRows,
      warmupCalls: 1,
      seedRows: 0,
      rowsPerCall: bulkRows,
      resetAfterWarmup: true,
      params: { batchSize: BATCH },
    },
    { id: 'find-by-id', label: 'find by id', unit: 'op', calls: scaled(2000, 100), opsPerCall: 1, warmupCalls: scaled(200, 20), seedRows: scaled(2000, 200), rowsPerCall: 0 },
    {
      id: 'find-many',
      label: 'find many (1000 rows hydrated)',
      unit: 'op',
      calls: scaled(50, 5),
      opsPerCall: 1,
      warmupCalls: scaled(10, 3),
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
      warmupCalls: scaled(200, 20),
      seedRows: 100,
      rowsPerCall: 0,
    },
    { id: 'transaction', label: 'transaction of 2 inserts', unit: 'tx', calls: scaled(500, 50), opsPerCall: 1, warmupCalls: scaled(50, 10), seedRows: 0, rowsPerCall: 2 },
  ];
}
