import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import postgres from 'postgres';
import { connectionOptions } from '../config';
import { createTableSql, rowOfCall, rowsOfCall, seededOfCall } from '../data';
import type { BenchRow, Contender, NewRow } from '../types';
import { benchTable } from './drizzle-schema';

const TABLE = 'bench_drizzle_prep';
const t = benchTable(TABLE);
const KEYS = ['id', 'name', 'email', 'age', 'score', 'active', 'createdAt'] as const;

/** Placeholders for one row (`<key><r>`), and the values that fill them. */
function rowPlaceholders(r: number) {
  const p = (key: string) => sql.placeholder(`${key}${r}`);
  return { id: p('id'), name: p('name'), email: p('email'), age: p('age'), score: p('score'), active: p('active'), createdAt: p('createdAt') };
}

function fill(into: Record<string, unknown>, r: number, row: NewRow & { id: string }): void {
  for (const key of KEYS) into[`${key}${r}`] = row[key];
}

type Db = PgDatabase<PgQueryResultHKT, Record<string, never>>;

/** An INSERT of `rows` rows, prepared on `on` (the database, or a transaction: a prepared query runs where it was built). */
function preparedInsert(on: Db, rows: number, name: string) {
  return on.insert(t).values(Array.from({ length: rows }, (_, r) => rowPlaceholders(r)) as never).prepare(name);
}

function valuesOf(rows: readonly NewRow[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  rows.forEach((row, r) => fill(values, r, { id: randomUUID(), ...row }));
  return values;
}

/**
 * Drizzle prepared queries (`.prepare()` with `sql.placeholder`), built once and executed many times.
 * A prepared query is bound to the session it was built on, so inside a transaction it is built on the
 * transaction (once per transaction) and executed there.
 */
export function drizzlePreparedContender(url: string): Contender {
  let client!: postgres.Sql;
  let db!: PostgresJsDatabase;

  return {
    name: 'drizzle prepared',
    async setup() {
      client = postgres(url, connectionOptions);
      db = drizzle(client);
      await client.unsafe(createTableSql(TABLE));
    },
    async teardown() {
      await client.end({ timeout: 5 });
    },
    async reset() {
      await client.unsafe(`TRUNCATE ${TABLE}`);
    },
    async seed(rows: readonly BenchRow[]) {
      for (let i = 0; i < rows.length; i += 1000) await db.insert(t).values(rows.slice(i, i + 1000));
    },
    async settings() {
      const [row] = await client.unsafe(`SELECT current_setting('synchronous_commit') AS synchronous_commit`);
      return { synchronous_commit: String(row!.synchronous_commit) };
    },
    workloads: {
      'insert-one': (fx) => {
        const insert = preparedInsert(db as unknown as Db, 1, 'bench_insert_one');
        return (i) => insert.execute(valuesOf([rowOfCall(fx, i)]));
      },
      'bulk-insert': (fx) => {
        const batch = fx.params.batchSize!;
        return (i) => {
          const rows = rowsOfCall(fx, i, fx.params.rows!);
          return db.transaction(async (tx) => {
            const insert = preparedInsert(tx as unknown as Db, batch, 'bench_insert_batch');
            for (let start = 0; start < rows.length; start += batch) await insert.execute(valuesOf(rows.slice(start, start + batch)));
          });
        };
      },
      'find-by-id': (fx) => {
        const find = db.select().from(t).where(eq(t.id, sql.placeholder('id'))).prepare('bench_find_by_id');
        return (i) => find.execute({ id: seededOfCall(fx.seeded, i).id });
      },
      'find-many': (fx) => {
        const find = db.select().from(t).where(eq(t.active, sql.placeholder('active'))).limit(sql.placeholder('limit')).prepare('bench_find_many');
        return async () => {
          const rows = await find.execute({ active: true, limit: fx.params.limit! });
          if (rows.length !== fx.params.limit) throw new Error(`find-many: ${rows.length} rows`);
          return rows;
        };
      },
      'update-by-id': (fx) => {
        const update = db.update(t).set({ score: sql.placeholder('score') as never }).where(eq(t.id, sql.placeholder('id'))).prepare('bench_update');
        return (i) => update.execute({ score: i + 0.5, id: seededOfCall(fx.seeded, i).id });
      },
      transaction: (fx) => (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        return db.transaction(async (tx) => {
          const insert = preparedInsert(tx as unknown as Db, 1, 'bench_tx_insert');
          await insert.execute(valuesOf([a!]));
          await insert.execute(valuesOf([b!]));
        });
      },
    },
  };
}
