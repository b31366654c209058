import { config } from './config';
import { drizzleContender } from './contenders/drizzle';
import { drizzlePreparedContender } from './contenders/drizzle-prepared';
import { essenciaContender } from './contenders/essencia';
import { rawContender } from './contenders/raw';
import { ensureDatabase } from './db';
import { runIsolated } from './isolated';
import { runLockstep } from './lockstep';
import { formatTable, writeResults } from './report';
import { runSuite } from './runner';
import { cacheSuite, encryptionSuite, isMongoStandIn, mongoSuite, mysqlSuite } from './sections';
import { sqliteSuite } from './sqlite-section';
import type { Contender, Results, Suite } from './types';
import { pgliteStartSection } from './pglite-start';
import { streamSection, type StreamTarget } from './stream';
import { postgresWorkloads } from './workloads';

function pick<T extends { id?: string; name?: string }>(items: readonly T[], names: string[] | undefined, key: (t: T) => string): T[] {
  return names ? items.filter((item) => names.includes(key(item))) : [...items];
}

/** The suite with only the contenders and workloads BENCH_CONTENDERS / BENCH_WORKLOADS name (undefined: nothing left). */
function narrowed(suite: Suite): Suite | undefined {
  const contenders = pick(suite.contenders, config.contenders, (c) => c.name);
  const workloads = pick(suite.workloads, config.workloads, (w) => w.id);
  return contenders.length && workloads.length ? { ...suite, contenders, workloads } : undefined;
}

const wanted = (section: string): boolean => !config.sections || config.sections.includes(section);
/** Sections that take minutes and run only when BENCH_SECTIONS names them. */
const named = (section: string): boolean => config.sections?.includes(section) === true;

const MILLION = 1_000_000;

/** The stream section's backends: embedded PGlite, PostgreSQL, and MongoDB when configured (fewer rows on the stand-in). */
async function streamTargets(): Promise<StreamTarget[]> {
  const rows = config.streamRows ?? MILLION;
  const targets: StreamTarget[] = [
    { backend: 'pglite', url: 'pglite://memory', rows },
    { backend: 'postgres', url: config.url, rows },
  ];
  if (config.mongoUrl) {
    const standIn = await isMongoStandIn(config.mongoUrl);
    const mongoRows = config.streamRows ?? (standIn ? MILLION / 10 : MILLION);
    const note = standIn && !config.streamRows ? 'the stand-in (Python mongomock, one command at a time) defaults to a tenth of the million; set BENCH_STREAM_ROWS for more' : undefined;
    targets.push({ backend: 'mongodb', url: config.mongoUrl, rows: mongoRows, ...(note ? { note } : {}) });
  }
  // BENCH_CONTENDERS names backends here.
  return targets.filter((t) => !config.contenders || config.contenders.includes(t.backend));
}

async function printSettings(contenders: readonly Contender[]): Promise<void> {
  const parts: string[] = [];
  for (const c of contenders) {
    const settings = (await c.settings?.()) ?? {};
    parts.push(`${c.name}: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  }
  console.log(`connection settings: ${parts.join(' | ')}`);
}

const MONGO_SKIPPED = '!!!!! MongoDB section skipped: set MONGODB_URL (e.g. set -a; eval "$(scripts/mongo-standin.sh)"; set +a) !!!!!';

async function main(): Promise<void> {
  const started = Date.now();
  const suites: Suite[] = [];
  if (wanted('postgres') || wanted('encryption') || wanted('cache') || named('stream')) await ensureDatabase(config.url);
  if (wanted('postgres')) {
    const all = [rawContender(config.url), drizzleContender(config.url), drizzlePreparedContender(config.url), essenciaContender(config.url)];
    suites.push({
      title: `PostgreSQL (rounds=${config.rounds}, scale=${config.scale}, pool=${config.poolSize}, synchronous_commit=off)`,
      keyPrefix: '',
      baseline: 'raw postgres.js',
      contenders: all,
      workloads: postgresWorkloads(),
    });
  }
  if (wanted('mysql')) {
    if (config.mysqlUrl) suites.push(mysqlSuite(config.mysqlUrl));
    else console.log('MySQL section skipped: set MYSQL_URL (e.g. mysql://root@127.0.0.1:3306/essencia_bench)');
  }
  let mongoSkipped = false;
  if (wanted('mongo')) {
    if (config.mongoUrl) suites.push(mongoSuite(config.mongoUrl, await isMongoStandIn(config.mongoUrl)));
    else {
      mongoSkipped = true;
      console.log(MONGO_SKIPPED);
    }
  }
  if (wanted('encryption')) suites.push(encryptionSuite(config.url));
  if (wanted('sqlite')) suites.push(sqliteSuite());
  if (wanted('cache')) suites.push(cacheSuite(config.url, config.redisUrl));

  const results: Results = {};
  for (const full of suites) {
    const suite = narrowed(full);
    if (!suite) continue;
    console.log(`\nessencia bench: ${suite.title}`);
    const t0 = Date.now();
    if (suite.lockstep) {
      Object.assign(results, await runLockstep(suite, config.rounds, suite.lockstep, (line) => console.log(line)));
    } else if (suite.processPerContender) {
      // Each process prints its own settings.
      Object.assign(results, runIsolated(suite, config.rounds, suite.processPerContender));
    } else {
      // Settings are checked on connections opened exactly as the timed ones are.
      for (const c of suite.contenders) await c.setup();
      await printSettings(suite.contenders);
      for (const c of suite.contenders) await c.teardown();
      Object.assign(results, await runSuite(suite, { rounds: config.rounds, log: (line) => console.log(line) }));
    }
    console.log(`\n${formatTable(suite, results)}\n(section: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (named('stream')) {
    const t0 = Date.now();
    console.log(`\n${await streamSection(await streamTargets())}\n(section: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (named('pglite-start')) console.log(`\n${await pgliteStartSection()}`);
  if (mongoSkipped) console.log(`\n${MONGO_SKIPPED}`);
  if (config.out) {
    writeResults(config.out, results);
    console.log(`results: ${config.out}`);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
