import { randomUUID } from 'node:crypto';
import type { BenchRow, NewRow } from './types';

const EPOCH = Date.UTC(2024, 0, 1);

/** A deterministic row of the bench table; `salt` keeps rows of different batches apart. */
export function newRow(i: number, salt = 0): NewRow {
  const n = salt * 1_000_000 + i;
  return {
    name: `user ${n}`,
    email: `user${n}@example.com`,
    age: 18 + (n % 60),
    score: n * 1.5,
    active: n % 2 === 0,
    createdAt: new Date(EPOCH + n * 1000),
  };
}

export function newRows(count: number, salt: number): NewRow[] {
  return Array.from({ length: count }, (_, i) => newRow(i, salt));
}

export function withIds(rows: readonly NewRow[]): BenchRow[] {
  return rows.map((row) => ({ id: randomUUID(), ...row }));
}

/** The column list in table order, and a row's values in that order. */
export const COLUMNS = ['id', 'name', 'email', 'age', 'score', 'active', 'created_at'] as const;

export function values(id: string, row: NewRow): unknown[] {
  return [id, row.name, row.email, row.age, row.score, row.active, row.createdAt];
}

/** The same table for every contender. */
export function createTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS "${table}" (
    id text PRIMARY KEY, name text NOT NULL, email text NOT NULL, age integer NOT NULL,
    score double precision NOT NULL, active boolean NOT NULL, created_at timestamptz NOT NULL)`;
}

/**
 * The fresh rows of call `i` (`perCall` rows each). Warm-up calls have negative numbers (-1, -2, ...) and
 * take their rows from `warmupRows`; timed calls count from 0 and take theirs from `timedRows`.
 */
export function rowsOfCall(fx: { warmupRows: readonly NewRow[]; timedRows: readonly NewRow[] }, i: number, perCall: number): readonly NewRow[] {
  const [rows, k] = i < 0 ? [fx.warmupRows, -1 - i] : [fx.timedRows, i];
  return rows.slice(k * perCall, (k + 1) * perCall);
}

/** The fresh row of a one-row call. */
export function rowOfCall(fx: { warmupRows: readonly NewRow[]; timedRows: readonly NewRow[] }, i: number): NewRow {
  return i < 0 ? fx.warmupRows[-1 - i]! : fx.timedRows[i]!;
}

/** A seeded row for call `i` (warm-up calls included), cycling through them. */
export function seededOfCall<T>(seeded: readonly T[], i: number): T {
  const n = seeded.length;
  return seeded[((i % n) + n) % n]!;
}
