import { randomUUID } from 'node:crypto';
import mysql from 'mysql2/promise';
import { COLUMNS, rowOfCall, rowsOfCall, seededOfCall, values } from '../data';
import { MYSQL_POOL, mysqlTableSql } from './mysql-data';
import { copyOf } from '../control';
import type { BenchRow, Contender, NewRow } from '../types';

const COLS = COLUMNS.join(', ');

function flat(rows: readonly NewRow[], ids?: readonly string[]): unknown[] {
  const params: unknown[] = [];
  rows.forEach((row, i) => params.push(...values(ids ? ids[i]! : randomUUID(), row)));
  return params;
}

/** mysql2 with prepared statements (`execute`): the floor on MySQL / MariaDB (`control`: its second copy, see bench/control.ts). */
export function rawMysqlContender(url: string, control = false): Contender {
  const { name, table: TABLE } = copyOf('raw mysql2', 'bench_mysql_raw', control);
  const INSERT = `INSERT INTO ${TABLE} (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?)`;
  const FIND_BY_ID = `SELECT ${COLS} FROM ${TABLE} WHERE id = ?`;
  const FIND_MANY = `SELECT ${COLS} FROM ${TABLE} WHERE active = ? LIMIT 1000`;
  const UPDATE = `UPDATE ${TABLE} SET score = ? WHERE id = ?`;
  const multiInsert = new Map<number, string>();
  const multiInsertSql = (rows: number): string => {
    let text = multiInsert.get(rows);
    if (!text) {
      const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
      multiInsert.set(rows, (text = `INSERT INTO ${TABLE} (${COLS}) VALUES ${Array.from({ length: rows }, () => tuple).join(', ')}`));
    }
    return text;
  };
  let pool!: mysql.Pool;
  const run = (on: Pick<mysql.Pool, 'execute'>, text: string, params: unknown[]) => on.execute(text, params as never[]);
  const inTransaction = async (work: (conn: mysql.PoolConnection) => Promise<void>) => {
    const conn = await pool.getConnection();
    try {
      await conn.query('START TRANSACTION');
      await work(conn);
      await conn.query('COMMIT');
    } catch (error) {
      await conn.query('ROLLBACK');
      throw error;
    } finally {
      conn.release();
    }
  };

  return {
    name,
    async setup() {
      pool = mysql.createPool({ uri: url, connectionLimit: MYSQL_POOL, timezone: 'Z', dateStrings: true, supportBigNumbers: true });
      await pool.query(await mysqlTableSql(pool, TABLE));
    },
    async teardown() {
      await pool.end();
    },
    async reset() {
      await pool.query(`TRUNCATE ${TABLE}`);
    },
    async seed(rows: readonly BenchRow[]) {
      for (let i = 0; i < rows.length; i += 1000) {
        const chunk = rows.slice(i, i + 1000);
        await run(pool, multiInsertSql(chunk.length), flat(chunk, chunk.map((r) => r.id)));
      }
    },
    async settings() {
      const [rows] = await pool.query('SELECT @@innodb_flush_log_at_trx_commit AS flush');
      return { innodb_flush_log_at_trx_commit: String((rows as { flush: unknown }[])[0]!.flush) };
    },
    workloads: {
      'insert-one': (fx) => (i) => run(pool, INSERT, values(randomUUID(), rowOfCall(fx, i))),
      'bulk-insert': (fx) => {
        const batch = fx.params.batchSize!;
        return (i) => {
          const rows = rowsOfCall(fx, i, fx.params.rows!);
          return inTransaction(async (conn) => {
            for (let start = 0; start < rows.length; start += batch) {
              const chunk = rows.slice(start, start + batch);
              await run(conn, multiInsertSql(chunk.length), flat(chunk));
            }
          });
        };
      },
      'find-by-id': (fx) => (i) => run(pool, FIND_BY_ID, [seededOfCall(fx.seeded, i).id]),
      'find-many': () => async () => {
        const [rows] = await run(pool, FIND_MANY, [true]);
        if ((rows as unknown[]).length !== 1000) throw new Error(`find-many: ${(rows as unknown[]).length} rows`);
        return rows;
      },
      'update-by-id': (fx) => (i) => run(pool, UPDATE, [i + 0.5, seededOfCall(fx.seeded, i).id]),
      transaction: (fx) => (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        return inTransaction(async (conn) => {
          await run(conn, INSERT, values(randomUUID(), a!));
          await run(conn, INSERT, values(randomUUID(), b!));
        });
      },
    },
  };
}
