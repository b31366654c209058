import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { connectionOptions } from '../config';
import { createTableSql, rowOfCall, rowsOfCall, seededOfCall } from '../data';
import type { BenchRow, Contender } from '../types';
import { benchTable } from './drizzle-schema';

const TABLE = 'bench_drizzle';
const t = benchTable(TABLE);

/** Plain Drizzle: every call builds and renders its query (no prepared statement). */
export function drizzleContender(url: string): Contender {
  let client!: postgres.Sql;
  let db!: PostgresJsDatabase;

  return {
    name: 'drizzle',
    async setup() {
      // Its own client: drizzle() changes the client's type parsers.
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
      'insert-one': (fx) => (i) => db.insert(t).values({ id: randomUUID(), ...rowOfCall(fx, i) }),
      'bulk-insert': (fx) => {
        const batch = fx.params.batchSize!;
        return (i) => {
          const rows = rowsOfCall(fx, i, fx.params.rows!);
          return db.transaction(async (tx) => {
            for (let start = 0; start < rows.length; start += batch) {
              await tx.insert(t).values(rows.slice(start, start + batch).map((row) => ({ id: randomUUID(), ...row })));
            }
          });
        };
      },
      'find-by-id': (fx) => (i) => db.select().from(t).where(eq(t.id, seededOfCall(fx.seeded, i).id)),
      'find-many': (fx) => async () => {
        const rows = await db.select().from(t).where(eq(t.active, true)).limit(fx.params.limit!);
        if (rows.length !== fx.params.limit) throw new Error(`find-many: ${rows.length} rows`);
        return rows;
      },
      'update-by-id': (fx) => (i) => db.update(t).set({ score: i + 0.5 }).where(eq(t.id, seededOfCall(fx.seeded, i).id)),
      transaction: (fx) => (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        return db.transaction(async (tx) => {
          await tx.insert(t).values({ id: randomUUID(), ...a! });
          await tx.insert(t).values({ id: randomUUID(), ...b! });
        });
      },
    },
  };
}
