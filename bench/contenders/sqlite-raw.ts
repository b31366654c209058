import { randomUUID } from 'node:crypto';
import Sqlite from 'better-sqlite3';
import { COLUMNS, rowOfCall, rowsOfCall, seededOfCall } from '../data';
import { copyOf } from '../control';
import type { BenchRow, Contender, NewRow } from '../types';

const COLS = COLUMNS.join(', ');

/** The bench table as essencia's sync creates it on SQLite (booleans 0 / 1, dates in milliseconds). */
export function sqliteTableSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS "${table}" (id TEXT NOT NULL PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL,
    age INTEGER NOT NULL, score REAL NOT NULL, active INTEGER NOT NULL, created_at INTEGER NOT NULL)`;
}

/** A row's values in column order, as SQLite stores them. */
function sqliteValues(id: string, row: NewRow): unknown[] {
  return [id, row.name, row.email, row.age, row.score, row.active ? 1 : 0, row.createdAt.getTime()];
}

/**
 * better-sqlite3 with statements prepared once (multi-row inserts per batch size): the floor of the SQLite section
 * (`control`: its second copy, see bench/control.ts).
 */
export function rawSqliteContender(control = false): Contender {
  const { name, table: TABLE } = copyOf('raw better-sqlite3', 'bench_raw', control);
  let db!: Sqlite.Database;
  let insert!: Sqlite.Statement;
  let findById!: Sqlite.Statement;
  let findMany!: Sqlite.Statement;
  let update!: Sqlite.Statement;
  const multi = new Map<number, Sqlite.Statement>();
  const multiInsert = (rows: number): Sqlite.Statement => {
    let statement = multi.get(rows);
    if (!statement) {
      const tuple = `(${COLUMNS.map(() => '?').join(', ')})`;
      multi.set(rows, (statement = db.prepare(`INSERT INTO ${TABLE} (${COLS}) VALUES ${Array(rows).fill(tuple).join(', ')}`)));
    }
    return statement;
  };
  const insertRows = (rows: readonly NewRow[], ids?: readonly string[], batch = 1000) => {
    for (let start = 0; start < rows.length; start += batch) {
      const chunk = rows.slice(start, start + batch);
      multiInsert(chunk.length).run(chunk.flatMap((row, i) => sqliteValues(ids ? ids[start + i]! : randomUUID(), row)));
    }
  };

  return {
    name,
    async setup() {
      db = new Sqlite(':memory:');
      db.exec(sqliteTableSql(TABLE));
      insert = db.prepare(`INSERT INTO ${TABLE} (${COLS}) VALUES (${COLUMNS.map(() => '?').join(', ')})`);
      findById = db.prepare(`SELECT ${COLS} FROM ${TABLE} WHERE id = ?`);
      findMany = db.prepare(`SELECT ${COLS} FROM ${TABLE} WHERE active = ? LIMIT ?`);
      update = db.prepare(`UPDATE ${TABLE} SET score = ? WHERE id = ?`);
    },
    async teardown() {
      multi.clear();
      db.close();
    },
    async reset() {
      db.exec(`DELETE FROM ${TABLE}`);
    },
    async seed(rows: readonly BenchRow[]) {
      insertRows(rows, rows.map((r) => r.id));
    },
    async settings() {
      return { journal_mode: String(db.pragma('journal_mode', { simple: true })), database: 'memory' };
    },
    workloads: {
      'insert-one': (fx) => async (i) => insert.run(sqliteValues(randomUUID(), rowOfCall(fx, i))),
      'bulk-insert': (fx) => async (i) => {
        const rows = rowsOfCall(fx, i, fx.params.rows!);
        db.transaction(() => insertRows(rows, undefined, fx.params.batchSize!)).immediate();
      },
      'find-by-id': (fx) => async (i) => findById.get(seededOfCall(fx.seeded, i).id),
      'find-many': (fx) => async () => {
        const rows = findMany.all(1, fx.params.limit!);
        if (rows.length !== fx.params.limit) throw new Error(`find-many: ${rows.length} rows`);
        return rows;
      },
      'update-by-id': (fx) => async (i) => update.run(i + 0.5, seededOfCall(fx.seeded, i).id),
      transaction: (fx) => async (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        db.transaction(() => {
          insert.run(sqliteValues(randomUUID(), a!));
          insert.run(sqliteValues(randomUUID(), b!));
        }).immediate();
      },
    },
  };
}
