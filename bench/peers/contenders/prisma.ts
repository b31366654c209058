import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { connectionOptions } from '../../config';
import { rowOfCall, rowsOfCall, seededOfCall, createTableSql } from '../../data';
import type { BenchRow, Contender } from '../../types';
import { PrismaClient } from '../generated/prisma/client';

const TABLE = 'bench_prisma';

/**
 * Prisma 7 (the `prisma-client` generator, the pg driver adapter: no query engine binary). Prisma has no loaded
 * entity to save: the update is `update({ where: { id } })`.
 */
export function prismaContender(url: string): Contender {
  let prisma!: PrismaClient;

  return {
    name: 'Prisma',
    async setup() {
      prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: connectionOptions.max }) });
      await prisma.$connect();
      await prisma.$executeRawUnsafe(createTableSql(TABLE));
    },
    async teardown() {
      await prisma.$disconnect();
    },
    async reset() {
      await prisma.$executeRawUnsafe(`TRUNCATE ${TABLE}`);
    },
    async seed(rows) {
      for (let i = 0; i < rows.length; i += 1000) await prisma.benchUser.createMany({ data: rows.slice(i, i + 1000) as BenchRow[] });
    },
    async settings() {
      const [row] = await prisma.$queryRawUnsafe<{ synchronous_commit: string }[]>(`SELECT current_setting('synchronous_commit') AS synchronous_commit`);
      return { synchronous_commit: String(row!.synchronous_commit) };
    },
    workloads: {
      'insert-one': (fx) => (i) => prisma.benchUser.create({ data: { id: randomUUID(), ...rowOfCall(fx, i) } }),
      'bulk-insert': (fx) => {
        const batch = fx.params.batchSize!;
        return (i) => {
          const rows = rowsOfCall(fx, i, fx.params.rows!);
          return prisma.$transaction(
            async (tx) => {
              for (let start = 0; start < rows.length; start += batch) {
                await tx.benchUser.createMany({ data: rows.slice(start, start + batch).map((row) => ({ id: randomUUID(), ...row })) });
              }
            },
            { timeout: 600_000 },
          );
        };
      },
      'find-by-id': (fx) => (i) => prisma.benchUser.findUnique({ where: { id: seededOfCall(fx.seeded, i).id } }),
      'find-many': (fx) => async () => {
        const found = await prisma.benchUser.findMany({ where: { active: true }, take: fx.params.limit! });
        if (found.length !== fx.params.limit) throw new Error(`find-many: ${found.length} rows`);
        return found;
      },
      'update-by-id': (fx) => (i) => prisma.benchUser.update({ where: { id: seededOfCall(fx.seeded, i).id }, data: { score: i + 0.5 } }),
      transaction: (fx) => (i) => {
        const [a, b] = rowsOfCall(fx, i, 2);
        return prisma.$transaction(async (tx) => {
          await tx.benchUser.create({ data: { id: randomUUID(), ...a! } });
          await tx.benchUser.create({ data: { id: randomUUID(), ...b! } });
        });
      },
    },
  };
}
