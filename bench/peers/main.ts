// The peer comparison: every contender in a process of its own, all alive at once, timed in turns; one table.
import { join } from 'node:path';
import postgres from 'postgres';
import { config } from '../config';
import { ensureDatabase } from '../db';
import { formatMatrix, formatTable, writeResults } from '../report';
import { runLockstep } from '../lockstep';
import { describeMachine, machine } from '../machine';
import type { SuiteShape } from '../runner';
import { postgresWorkloads } from '../workloads';
import { PEERS } from './contenders';

const BASELINE = 'raw postgres.js';

async function serverVersion(): Promise<string> {
  const sql = postgres(config.url, { max: 1, onnotice: () => undefined });
  try {
    const [row] = await sql`SHOW server_version`;
    return String(row!.server_version);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  await ensureDatabase(config.url);
  const peers = PEERS.filter((p) => !config.contenders || p.name === BASELINE || config.contenders.includes(p.name));
  const workloads = postgresWorkloads().filter((w) => !config.workloads || config.workloads.includes(w.id));
  const server = `PostgreSQL ${await serverVersion()} on ${new URL(config.url).hostname}`;
  const before = machine();
  console.log(`essencia peers bench: ${describeMachine(before)}; ${server}`);

  const suite: SuiteShape = {
    title: `PostgreSQL, one process per contender, timed in turns (rounds=${config.rounds}, scale=${config.scale}, pool=${config.poolSize}, synchronous_commit=off)`,
    keyPrefix: '',
    baseline: BASELINE,
    contenders: peers,
    workloads,
    compareCpu: true,
  };
  // Every pg-based contender (TypeORM, MikroORM, Prisma, Sequelize) reads PGOPTIONS; postgres.js gets it in code.
  const env = { ...process.env, PGOPTIONS: '-c synchronous_commit=off' };
  const child = { script: join(__dirname, 'child.js'), args: (name: string) => [name], env };
  const results = await runLockstep(suite, config.rounds, child, (line) => console.log(line));
  const after = machine();
  console.log(`\n${formatTable(suite, results)}\n\nMachine: ${describeMachine(after)} (at the end); ${server}\n`);
  console.log(`ops/s ratio to ${BASELINE} · client CPU µs per operation (medians over ${config.rounds} rounds of turns):\n\n${formatMatrix(suite, results)}\n`);
  const out = process.env.BENCH_OUT ?? 'bench/results/peers.json';
  if (out) {
    writeResults(out, { ...after, loadAverageAtStart: before.loadAverage, server }, results);
    console.log(`results: ${out}`);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
