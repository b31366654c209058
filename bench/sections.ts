import { MongoClient } from 'mongodb';
import { config, scaled } from './config';
import { cacheContenders } from './contenders/cache';
import { essenciaContender } from './contenders/essencia';
import { rawContender } from './contenders/raw';
import { assertBenchCpfs, encryptionContenders, type CpfBackend } from './contenders/encryption';
import { essenciaMongoContender } from './contenders/mongo-essencia';
import { essenciaMysqlContender } from './contenders/mysql-essencia';
import { rawMysqlContender } from './contenders/mysql-raw';
import { rawMongoContender } from './contenders/mongo-raw';
import type { Results, Suite, Workload } from './types';
import { encryptionWorkloads, mongoWorkloads, postgresWorkloads, withMoreCalls } from './workloads';

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
    contenders: [rawMongoContender(url), rawMongoContender(url, true), essenciaMongoContender(url)],
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
        if (r.cpuRatio <= MONGO_CPU_RATIO_TARGET) continue;
        const [low, high] = r.cpuRatioRange ?? [r.cpuRatio, r.cpuRatio];
        misses.push(`${w.id} ${fmt(r.cpuRatio)}x (${low > MONGO_CPU_RATIO_TARGET ? 'every round above' : 'not every round'}: ${fmt(low)}–${fmt(high)}x)`);
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
    contenders: [rawMysqlContender(url), rawMysqlContender(url, true), essenciaMysqlContender(url)],
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

/**
 * The same model with a plain and with an encrypted CPF (and a plain one with @IsCPF(), to split the cost), on
 * `backend`. On SQLite in process no round trip separates the calls, so the figure is stable (the code's own cost,
 * caches warm); on PostgreSQL it includes what cold caches add to the same code after each round trip.
 */
export function encryptionSuite(backend: CpfBackend): Suite {
  assertBenchCpfs();
  const { keyPrefix, callsFactor: k } = backend;
  const workloads = encryptionWorkloads().map((w) => withMoreCalls(w, k));
  return {
    title: `Encryption cost on ${backend.label} (@EncryptedCPF() vs @Field() cpf; rounds=${config.rounds}, scale=${config.scale})`,
    keyPrefix,
    baseline: 'plain',
    contenders: encryptionContenders(backend),
    workloads,
    compareCpu: true,
    notes: [
      `plain: @Field() cpf; plain+@IsCPF: the same with the CPF check @EncryptedCPF() also runs; encrypted: @EncryptedCPF() (AES-256-GCM + blind index).`,
      `Both cpf columns are indexed (@Index(); the encrypted one on cpf_bidx). Key configured in code (configureEncryption).`,
    ],
    summary: (results: Results) => {
      const lines = [`Added client CPU per encrypted field per operation (encrypted - plain; target <= ${ENCRYPTION_ADDED_US_TARGET} µs):`];
      for (const w of workloads) {
        const row = results[`${keyPrefix}${w.id}`];
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

/** Targets of the cache section, against uncached essencia on PostgreSQL. */
export const CACHE_TARGETS = { redisHit: 2, lruHit: 20, writeCost: 0.1 };

function cacheWorkloads(): Workload[] {
  const calls = scaled(3000, 200);
  // Warm-ups long enough for V8 to have optimised each contender's path, whatever BENCH_SCALE: after 200 calls,
  // 3000 Redis hits still paid for JIT compilation, about twice the CPU per op of warm ones.
  return [
    // 100 rows, every one read during the warm-up: the timed reads are cache hits.
    { id: 'find-by-id', label: 'find by id (100 rows, warm)', unit: 'op', calls, opsPerCall: 1, warmupCalls: 2000, seedRows: 100, rowsPerCall: 0 },
    { id: 'update-by-id', label: 'update one row by id (the cost of invalidating)', unit: 'op', calls: scaled(2000, 100), opsPerCall: 1, warmupCalls: 1000, seedRows: 100, rowsPerCall: 0 },
  ];
}

/** Cached findById (in-process, Redis) against uncached essencia and raw postgres.js; the cost on writes. */
export function cacheSuite(url: string, redisUrl: string | undefined): Suite {
  return {
    title: `Cache on PostgreSQL (rounds=${config.rounds}, scale=${config.scale}, pool=${config.poolSize}${redisUrl ? '' : '; REDIS_URL not set: no Redis contender'})`,
    keyPrefix: 'cache:',
    baseline: 'essencia',
    contenders: [rawContender(url), essenciaContender(url), ...cacheContenders(url, redisUrl)],
    workloads: cacheWorkloads(),
    notes: [
      'essencia: no cache; cached: @Model({ cache: { ttl: 600 } }); Redis: localTtlMs 0 (every read is one Redis round trip); Redis + local: in-process copies for 1 s.',
    ],
    summary: (results: Results) => {
      const read = results['cache:find-by-id'] ?? {};
      const write = results['cache:update-by-id'] ?? {};
      const line = (what: string, got: number | undefined, ok: (n: number) => boolean, target: string) =>
        `  ${what.padEnd(34)} ${got === undefined ? '-' : fmt(got)}  ${got === undefined ? '' : ok(got) ? 'target met' : 'TARGET MISSED'} (${target})`;
      const cost = (name: string) => (write[name] ? 1 / write[name]!.ratio - 1 : undefined);
      return [
        'Cache targets (ratios to uncached essencia):',
        line('Redis hit, ops/s x', read['cached: Redis']?.ratio, (n) => n >= CACHE_TARGETS.redisHit, `>= ${CACHE_TARGETS.redisHit}x`),
        line('in-process LRU hit, ops/s x', read['cached: in-process LRU']?.ratio, (n) => n >= CACHE_TARGETS.lruHit, `>= ${CACHE_TARGETS.lruHit}x`),
        line('write cost, Redis (time per op +)', cost('cached: Redis'), (n) => n <= CACHE_TARGETS.writeCost, `<= ${CACHE_TARGETS.writeCost * 100}%`),
        line('write cost, in-process (time per op +)', cost('cached: in-process LRU'), (n) => n <= CACHE_TARGETS.writeCost, `<= ${CACHE_TARGETS.writeCost * 100}%`),
      ];
    },
  };
}
