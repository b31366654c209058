import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { config } from './config';
import { ensureDatabase } from './db';
import { BLOCK_CALLS, runLockstep } from './lockstep';
import { formatTable, writeResults } from './report';
import { isMongoStandIn } from './sections';
import { describeMachine, machine } from './machine';
import { CONTENDER_SECTIONS, narrowed, suiteOf } from './suites';
import type { Results } from './types';
import { pgliteStartSection } from './pglite-start';
import { streamSection, type StreamTarget } from './stream';

const wanted = (section: string): boolean => !config.sections || config.sections.includes(section);
/** Sections that take minutes and run only when BENCH_SECTIONS names them. */
const named = (section: string): boolean => config.sections?.includes(section) === true;

const MILLION = 1_000_000;

/**
 * The stream section's backends: embedded PGlite, PostgreSQL, SQLite (a file in `sqliteDir`: in memory its rows
 * would fill the process), and MySQL and MongoDB when configured (fewer rows on the MongoDB stand-in).
 */
async function streamTargets(sqliteDir: string): Promise<StreamTarget[]> {
  const rows = config.streamRows ?? MILLION;
  const targets: StreamTarget[] = [
    { backend: 'pglite', url: 'pglite://memory', rows },
    { backend: 'postgres', url: config.url, rows },
    { backend: 'sqlite', url: `sqlite:${join(sqliteDir, 'stream.db')}`, rows },
  ];
  if (config.mysqlUrl) targets.push({ backend: 'mysql', url: config.mysqlUrl, rows });
  if (config.mongoUrl) {
    const standIn = await isMongoStandIn(config.mongoUrl);
    const mongoRows = config.streamRows ?? (standIn ? MILLION / 10 : MILLION);
    const note = standIn && !config.streamRows ? 'the stand-in (Python mongomock, one command at a time) defaults to a tenth of the million; set BENCH_STREAM_ROWS for more' : undefined;
    targets.push({ backend: 'mongodb', url: config.mongoUrl, rows: mongoRows, ...(note ? { note } : {}) });
  }
  // BENCH_CONTENDERS names backends here.
  return targets.filter((t) => !config.contenders || config.contenders.includes(t.backend));
}

const MONGO_SKIPPED = '!!!!! MongoDB section skipped: set MONGODB_URL (e.g. set -a; eval "$(scripts/mongo-standin.sh)"; set +a) !!!!!';

async function main(): Promise<void> {
  const started = Date.now();
  if (wanted('postgres') || wanted('encryption') || wanted('cache') || named('stream')) await ensureDatabase(config.url);
  console.log(
    `Every contender runs in a process of its own, all alive at once, timed in turns of up to ${BLOCK_CALLS} calls (rotated order); ` +
      'figures are medians over those turns, +CPU µs/op the median of the differences between turns timed side by side. ' +
      'A "(control)" row is the baseline run a second time: its distance from 1.00 is the noise of that run.',
  );
  const before = machine();
  console.log(`Machine: ${describeMachine(before)}`);
  const results: Results = {};
  let mongoSkipped = false;
  for (const section of CONTENDER_SECTIONS) {
    if (!wanted(section)) continue;
    const full = await suiteOf(section);
    if (!full) {
      if (section === 'mongo') mongoSkipped = true;
      else console.log(`${section} section skipped: set MYSQL_URL (e.g. mysql://root@127.0.0.1:3306/essencia_bench)`);
      continue;
    }
    const suite = narrowed(full);
    if (!suite) continue;
    console.log(`\nessencia bench: ${suite.title}`);
    const t0 = Date.now();
    const child = { script: join(__dirname, 'contender-child.js'), args: (name: string) => [section, name] };
    Object.assign(results, await runLockstep(suite, config.rounds, child, (line) => console.log(line)));
    console.log(`\n${formatTable(suite, results)}\n(section: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (named('stream')) {
    const t0 = Date.now();
    const sqliteDir = mkdtempSync(join(tmpdir(), 'essencia-bench-stream-'));
    try {
      console.log(`\n${await streamSection(await streamTargets(sqliteDir))}\n(section: ${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } finally {
      rmSync(sqliteDir, { recursive: true, force: true });
    }
  }
  if (named('pglite-start')) console.log(`\n${await pgliteStartSection()}`);
  if (mongoSkipped) console.log(`\n${MONGO_SKIPPED}`);
  const after = machine();
  console.log(`\nMachine: ${describeMachine(after)} (at the end)`);
  if (config.out) {
    writeResults(config.out, { ...after, loadAverageAtStart: before.loadAverage }, results);
    console.log(`results: ${config.out}`);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
