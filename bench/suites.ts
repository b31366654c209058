import { config } from './config';
import { drizzleContender } from './contenders/drizzle';
import { drizzlePreparedContender } from './contenders/drizzle-prepared';
import { essenciaContender } from './contenders/essencia';
import { rawContender } from './contenders/raw';
import { cacheSuite, encryptionSuite, isMongoStandIn, mongoSuite, mysqlSuite } from './sections';
import { postgresCpfBackend, sqliteCpfBackend } from './contenders/encryption';
import { sqliteSuite } from './sqlite-section';
import type { Suite } from './types';
import { postgresWorkloads } from './workloads';

/** The sections of `npm run bench` that time contenders against a baseline, by the names BENCH_SECTIONS uses. */
export const CONTENDER_SECTIONS = ['postgres', 'mysql', 'mongo', 'encryption', 'encryption-sqlite', 'sqlite', 'cache'] as const;
export type ContenderSection = (typeof CONTENDER_SECTIONS)[number];

export function isContenderSection(name: string): name is ContenderSection {
  return (CONTENDER_SECTIONS as readonly string[]).includes(name);
}

/** essencia, Drizzle (ad hoc and prepared) and the raw postgres.js floor, twice (see bench/control.ts). */
function postgresSuite(url: string): Suite {
  return {
    title: `PostgreSQL (rounds=${config.rounds}, scale=${config.scale}, pool=${config.poolSize}, synchronous_commit=off)`,
    keyPrefix: '',
    baseline: 'raw postgres.js',
    contenders: [rawContender(url), rawContender(url, true), drizzleContender(url), drizzlePreparedContender(url), essenciaContender(url)],
    workloads: postgresWorkloads(),
    compareCpu: true,
  };
}

/** A section's suite as configured; undefined when the URL of its server is not set. */
export async function suiteOf(section: ContenderSection): Promise<Suite | undefined> {
  switch (section) {
    case 'postgres':
      return postgresSuite(config.url);
    case 'mysql':
      return config.mysqlUrl ? mysqlSuite(config.mysqlUrl) : undefined;
    case 'mongo':
      return config.mongoUrl ? mongoSuite(config.mongoUrl, await isMongoStandIn(config.mongoUrl)) : undefined;
    case 'encryption':
      return encryptionSuite(postgresCpfBackend(config.url));
    case 'encryption-sqlite':
      return encryptionSuite(sqliteCpfBackend);
    case 'sqlite':
      return sqliteSuite();
    case 'cache':
      return cacheSuite(config.url, config.redisUrl);
  }
}

function pick<T>(items: readonly T[], names: string[] | undefined, key: (t: T) => string): T[] {
  return names ? items.filter((item) => names.includes(key(item))) : [...items];
}

/** The suite with only the contenders and workloads BENCH_CONTENDERS / BENCH_WORKLOADS name (undefined: nothing left). */
export function narrowed(suite: Suite): Suite | undefined {
  const contenders = pick(suite.contenders, config.contenders, (c) => c.name);
  const workloads = pick(suite.workloads, config.workloads, (w) => w.id);
  return contenders.length && workloads.length ? { ...suite, contenders, workloads } : undefined;
}
