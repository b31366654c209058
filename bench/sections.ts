import { MongoClient } from 'mongodb';
import { config } from './config';
import { assertBenchCpfs, encryptionContenders } from './contenders/encryption';
import { essenciaMongoContender } from './contenders/mongo-essencia';
import { essenciaMysqlContender } from './contenders/mysql-essencia';
import { rawMysqlContender } from './contenders/mysql-raw';
import { rawMongoContender } from './contenders/mongo-raw';
import type { Results, Suite } from './types';
import { encryptionWorkloads, mongoWorkloads, postgresWorkloads } from './workloads';

/** Target of the MongoDB section: essencia's client CPU per operation over the raw driver's. */
export const MONGO_CPU_RATIO_TARGET = 1.25;
/** Target of the encryption section: client CPU an encrypted field adds to one operation. */
export const ENCRYPTION_ADDED_US_TARGET = 25;
/** Encrypted fields in the encrypted model (the difference is per field). */
const ENCRYPTED_FIELDS = 1;

/** Whether the server at `url` is the mongomock wire stand-in (its buildInfo version says so). */
export async function isMongoStandIn(url: string): Promise<boolean> {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10_000 });
  try {
    await client.connect();
    const info = await client.db('admin').command({ buildInfo: 1 }).catch(() => undefined);
    return typeof info?.version === 'string' && /mongomock/i.test(info.version);
  } finally {
    await client.close();
  }
}

const fmt = (n: number | undefined, digits = 2): string => (n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(digits));

/** essencia vs the raw `mongodb` driver on the same server and collection shape; client CPU is the figure. */
export function mongoSuite(url: string, standIn: boolean): Suite {
  const server = standIn ? 'the mongomock wire stand-in' : 'a MongoDB server';
  return {
    title: `MongoDB (${server}; rounds=${config.rounds}, scale=${config.scale}, counts scaled down for the stand-in)`,
    keyPrefix: 'mongo:',
    baseline: 'raw mongodb',
    contenders: [rawMongoContender(url), essenciaMongoContender(url)],
    workloads: mongoWorkloads(),
    compareCpu: true,
    notes: [
      `The figure that matters: client CPU µs/op and "CPU x base" (essencia over the raw driver; target <= ${MONGO_CPU_RATIO_TARGET}x).`,
      standIn
        ? '!! Wall-clock ops/s here are against the stand-in (a Python mongomock server: linear scans, one global lock): they say little about MongoDB. !!'
        : 'Wall-clock ops/s depend on this server and its deployment; compare CPU columns across machines, not ops/s.',
    ],
    summary: (results: Results) => {
      const lines: string[] = [];
      const misses: string[] = [];
      for (const w of mongoWorkloads()) {
        const r = results[`mongo:${w.id}`]?.essencia;
        if (!r || r.cpuRatio === undefined) continue;
        if (r.cpuRatio > MONGO_CPU_RATIO_TARGET) misses.push(`${w.id} ${fmt(r.cpuRatio)}x`);
      }
      lines.push(
        misses.length
          ? `CPU target (<= ${MONGO_CPU_RATIO_TARGET}x raw mongodb): MISSED on ${misses.join(', ')}`
          : `CPU target (<= ${MONGO_CPU_RATIO_TARGET}x raw mongodb): met on every workload`,
      );
      return lines;
    },
  };
}

/** Target of the MySQL section: essencia's throughput over raw mysql2's. */
export const MYSQL_RATIO_TARGET = 0.85;

/** essencia vs raw mysql2 prepared statements on the same server and table shape, the PostgreSQL workloads. */
export function mysqlSuite(url: string): Suite {
  return {
    title: `MySQL / MariaDB (rounds=${config.rounds}, scale=${config.scale}, pool=10)`,
    keyPrefix: 'mysql:',
    baseline: 'raw mysql2',
    contenders: [rawMysqlContender(url), essenciaMysqlContender(url)],
    workloads: postgresWorkloads(),
    compareCpu: true,
    notes: ['Both use prepared statements (mysql2 `execute`) on pools of 10; essencia adds validation, hydration and dirty checking.'],
    summary: (results: Results) => {
      const misses = postgresWorkloads()
        .map((w) => [w.id, results[`mysql:${w.id}`]?.essencia?.ratio] as const)
        .filter(([, ratio]) => ratio !== undefined && ratio < MYSQL_RATIO_TARGET)
        .map(([id, ratio]) => `${id} ${fmt(ratio)}x`);
      return [
        misses.length
          ? `Throughput target (>= ${MYSQL_RATIO_TARGET}x raw mysql2): MISSED on ${misses.join(', ')}`
          : `Throughput target (>= ${MYSQL_RATIO_TARGET}x raw mysql2): met on every workload`,
      ];
    },
  };
}

/** The same PostgreSQL model with a plain and with an encrypted CPF (and a plain one with @IsCPF(), to split the cost). */
export function encryptionSuite(url: string): Suite {
  assertBenchCpfs();
  return {
    title: `Encryption cost on PostgreSQL (@EncryptedCPF() vs @Field() cpf; rounds=${config.rounds}, scale=${config.scale}, pool=${config.poolSize})`,
    keyPrefix: 'enc:',
    baseline: 'plain',
    contenders: encryptionContenders(url),
    workloads: encryptionWorkloads(),
    compareCpu: true,
    notes: [
      `plain: @Field() cpf; plain+@IsCPF: the same with the CPF check @EncryptedCPF() also runs; encrypted: @EncryptedCPF() (AES-256-GCM + blind index).`,
      `Both cpf columns are indexed (@Index(); the encrypted one on cpf_bidx). Key configured in code (configureEncryption).`,
    ],
    summary: (results: Results) => {
      const lines = [`Added client CPU per encrypted field per operation (encrypted - plain; target <= ${ENCRYPTION_ADDED_US_TARGET} µs):`];
      for (const w of encryptionWorkloads()) {
        const row = results[`enc:${w.id}`];
        const enc = row?.encrypted;
        if (!enc || enc.cpuDeltaUs === undefined) continue;
        const added = enc.cpuDeltaUs / ENCRYPTED_FIELDS;
        const rule = row['plain+@IsCPF']?.cpuDeltaUs;
        const split = rule === undefined ? '' : `  (of which @IsCPF validation ${fmt(rule, 1)} µs, crypto + codec ${fmt(added - rule, 1)} µs)`;
        lines.push(
          `  ${w.id.padEnd(12)} ${fmt(added, 1).padStart(7)} µs  ${added <= ENCRYPTION_ADDED_US_TARGET ? 'target met' : 'TARGET MISSED'}${split}`,
        );
      }
      return lines;
    },
  };
}
