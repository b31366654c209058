import { config } from './config';
import { essenciaSqliteContender } from './contenders/sqlite-essencia';
import { rawSqliteContender } from './contenders/sqlite-raw';
import type { Results, Suite, Workload } from './types';
import { IN_PROCESS_CALLS_FACTOR, postgresWorkloads, withMoreCalls } from './workloads';

/** Target of the SQLite section: essencia's ops/s over raw better-sqlite3's (prepared statements). */
export const SQLITE_RATIO_TARGET = 0.85;

/** The PostgreSQL section's workloads (same shapes), with more calls (but for bulk inserts, which take milliseconds). */
function sqliteWorkloads(): Workload[] {
  return postgresWorkloads().map((w) => (w.id === 'bulk-insert' ? w : withMoreCalls(w, IN_PROCESS_CALLS_FACTOR)));
}

const fmt = (n: number | undefined): string => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(2));

/** essencia vs raw better-sqlite3 on an in-memory database each, the PostgreSQL section's workloads (10× the calls). */
export function sqliteSuite(): Suite {
  return {
    title: `SQLite (better-sqlite3, in memory; rounds=${config.rounds}, scale=${config.scale})`,
    keyPrefix: 'sqlite:',
    baseline: 'raw better-sqlite3',
    contenders: [rawSqliteContender(), rawSqliteContender(true), essenciaSqliteContender()],
    workloads: sqliteWorkloads(),
    compareCpu: true,
    notes: [
      'In process: every microsecond is client CPU, so "x base" (ops/s ratio) and "CPU x base" tell the same story.',
      'raw better-sqlite3 returns rows as SQLite stores them (booleans 0 / 1, dates as milliseconds); essencia returns model instances.',
    ],
    summary: (results: Results) => {
      const misses: string[] = [];
      for (const w of sqliteWorkloads()) {
        const r = results[`sqlite:${w.id}`]?.essencia;
        if (r && r.ratio < SQLITE_RATIO_TARGET) misses.push(`${w.id} ${fmt(r.ratio)}x`);
      }
      const target = `Target (>= ${SQLITE_RATIO_TARGET}x raw better-sqlite3 ops/s)`;
      return [misses.length ? `${target}: MISSED on ${misses.join(', ')}` : `${target}: met on every workload`];
    },
  };
}
