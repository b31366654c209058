// The peer comparison: every contender in a process of its own, in rotated order each round; one table.
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { config } from '../config';
import { ensureDatabase } from '../db';
import { formatMatrix, formatTable, writeResults } from '../report';
import { addSample, rotated, summarise, type Samples, type SuiteShape } from '../runner';
import type { Sample } from '../types';
import { postgresWorkloads } from '../workloads';
import { SAMPLES_MARK } from './child';
import { PEERS } from './contenders';

const BASELINE = 'raw postgres.js';

/** Runs one contender for one round in a child process and returns its samples by workload. */
function runChild(name: string, round: number): Record<string, Sample> {
  const child = spawnSync(process.execPath, ['--expose-gc', join(__dirname, 'child.js'), name, String(round)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    // Every pg-based contender (TypeORM, MikroORM, Prisma, Sequelize) reads PGOPTIONS; postgres.js gets it in code.
    env: { ...process.env, PGOPTIONS: '-c synchronous_commit=off' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(SAMPLES_MARK));
  if (child.status !== 0 || !line) throw new Error(`${name} (round ${round + 1}) failed with status ${child.status}`);
  return JSON.parse(line.slice(SAMPLES_MARK.length)) as Record<string, Sample>;
}

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
  const load = () => loadavg().map((n) => n.toFixed(1)).join(' ');
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, PostgreSQL ${await serverVersion()} on ${new URL(config.url).hostname}`;
  console.log(`essencia peers bench: ${machine}; load average at start ${load()}`);

  const samples: Samples = new Map();
  for (let round = 0; round < config.rounds; round++) {
    for (const peer of rotated(peers, round)) {
      const byWorkload = runChild(peer.name, round);
      for (const workload of workloads) if (byWorkload[workload.id]) addSample(samples, workload, peer.name, byWorkload[workload.id]!);
    }
  }
  const suite: SuiteShape = {
    title: `PostgreSQL, one process per contender (rounds=${config.rounds}, scale=${config.scale}, pool=${config.poolSize}, synchronous_commit=off)`,
    keyPrefix: '',
    baseline: BASELINE,
    contenders: peers,
    workloads,
    compareCpu: true,
    notes: [`Machine: ${machine}; load average at the end ${load()}.`],
  };
  const results = summarise(suite, samples);
  console.log(`\n${formatTable(suite, results)}\n`);
  console.log(`ops/s ratio to ${BASELINE} · client CPU µs per operation (median of ${config.rounds} rounds):\n\n${formatMatrix(suite, results)}\n`);
  const out = process.env.BENCH_OUT ?? 'bench/results/peers.json';
  if (out) {
    writeResults(out, results);
    console.log(`results: ${out}`);
  }
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
