import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { COLUMNS, createTableSql, rowOfCall, rowsOfCall, seededOfCall, values } from '../data';
import { connectionOptions } from '../config';
import { copyOf } from '../control';
import type { BenchRow, Contender, NewRow } from '../types';

const COLS = COLUMNS.join(', ');

function flat(rows: readonly NewRow[], ids?: readonly string[]): unknown[] {
  const params: unknown[] = [];
  rows.forEach((row, i) => params.push(...values(ids ? ids[i]! : randomUUID(), row)));
  return params;
}

/** postgres.js with prepared statements: the floor (`control`: its second copy, see bench/control.ts). */
export function rawContender(url: string, control = false): Contender {
  const { name, table: TABLE } = copyOf('raw postgres.js', 'bench_raw', control);
  const INSERT = `INSERT INTO ${TABLE} (${COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`;
  const FIND_BY_ID = `SELECT ${COLS} FROM ${TABLE} WHERE id = $1`;
  const FIND_MANY = `SELECT ${COLS} FROM ${TABLE} WHERE active = $1 LIMIT $2`;
  const UPDATE = `UPDATE ${TABLE} SET score = $1 WHERE id = $2`;
  // One multi-row INSERT text per row count, built once.
  const multiInsert = new Map<number, string>();
  const multiInsertSql = (rows: number): string => {
    let text = multiInsert.get(rows);
    if (!text) {
      const tuples: string[] = [];
      for (let r = 0, n = 0; r < rows; r++) tuples.push(`(${COLUMNS.map(() => `$${++n}`).join(', ')})`);
      multiInsert.set(rows, (text = `INSERT INTO ${TABLE} (${COLS}) VALUES ${tuples.join(', ')}`));
    }
    return text;
  };
  let sql!: postgres.Sql;
  const run = (s: postgres.Sql | postgres.TransactionSql, text: string, params: unknown[]) => s.unsafe(text, params as never[], { prepare: true });

  return {
    name,
    async setup() {
      sql = postgres(url, connectionOptions);
      await sql.unsafe(createTableSql(TABLE));
    },
    async teardown() {
      await sql.end({ timeout: 5 });
    },
    async reset() {
      await sql.unsafe(`TRUNCATE ${TABLE}`);
    },
    async seed(rows: readonly BenchRow[]) {
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        await run(sql, multiInsertSql(chunk.length), flat(chunk, chunk.map((r) => r.id)));
      }
    },
    async settings() {
      const [row] = await sql.unsafe(`SELECT current_setting('synchronous_commit') AS synchronous_commit`);
      return { synchronous_commit: String(row!.synchronous_commit) };
    },
    workloads: {
      'insert-one': (fx) => (i) => {
        return run(sql, INSERT, values(randomUUID(), rowOfCall(fx, i)));
      },
      'bulk-insert': (fx) => {
        const batch = fx.params.batchSize!;
        return (i) => {
          const rows = rowsOfCall(fx, i, fx.params.rows!);
          return sql.begin(async (tx) => {
            for (let start = 0; start < rows.length; start += batch) {
              const chunk = rows.slice(start, start + batch);
              await run(tx, multiInsertSql(chunk.length), flat(chunk));
            }
          });
        };
      },
      'find-by-id': (fx) => (i) => run(sql, FIND_BY_ID, [seededOfCall(fx.seeded, i).id]),
      'find-many': (fx) => async () => {
        const rows = await run(sql, FIND_MANY, [true, fx.params.limit!]);
        if (rows.length !== fx.params.limit) throw new Error(`find-many: ${rows.length} rows`);
        return rows;
      },
      'update-by-id': (fx) => (i) => run(sql, UPDATE, [i + 0.5, seededOfCall(fx.seeded, i).id]),
      transaction: (fx) => (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        return sql.begin(async (tx) => {
          await run(tx, INSERT, values(randomUUID(), a!));
          await run(tx, INSERT, values(randomUUID(), b!));
        });
      },
    },
  };
}
