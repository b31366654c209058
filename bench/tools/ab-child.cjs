// One A/B sample for scripts/bench-ab.mjs: two compiled builds of essencia loaded in this one process, each with
// its own Database and table on DATABASE_URL, timed in alternating turns of the same workload (the first build's
// turn first in even turns, the second's in odd ones). The workload is the main bench's PostgreSQL one, as each
// build's bench defines it (bench/contenders/active-record.ts), on one fixture of rows shared by both. Prints one
// JSON line: the median over turns of the second build's CPU per operation divided by the first's turn beside it,
// and each build's median CPU per operation.
// Usage: node bench/tools/ab-child.cjs <buildA> <buildB> <workload> <turns> <calls per turn>
'use strict';
const [buildA, buildB, workloadId, turnsArg, callsArg] = process.argv.slice(2);
const turns = Number(turnsArg);
const calls = Number(callsArg);
const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/essencia_bench';
const WARMUP = 1000;
const WORKLOADS = ['insert-one', 'find-by-id', 'find-many', 'update-by-id', 'transaction'];

const benchOf = (build, module) => require(`${build}/bench/${module}`);

/** The bench's workload, with fresh rows for the warm-up and for every turn of one build. */
function fixture() {
  if (!WORKLOADS.includes(workloadId)) throw new Error(`unknown workload '${workloadId}' (${WORKLOADS.join(', ')})`);
  const workload = benchOf(buildA, 'workloads').postgresWorkloads().find((w) => w.id === workloadId);
  return benchOf(buildA, 'runner').fixtureOf({ ...workload, warmupCalls: WARMUP, calls: turns * calls }, 0);
}

/** The workload's call on `build`, with a model and a table of its own (`side` names them). */
async function prepare(build, side, fx) {
  const lib = require(`${build}/lib`);
  const { BenchUserFields, activeRecordWorkloads } = benchOf(build, 'contenders/active-record');
  const name = `bench_ab_${side}`;
  class AbUser extends BenchUserFields {}
  lib.Model({ database: name, collection: name })(AbUser);
  const db = lib.DatabaseFactory.createDatabase({
    name,
    url,
    options: { poolSize: 10, driverOptions: { onnotice: () => undefined, connection: { synchronous_commit: 'off' } } },
  });
  await db.connect();
  await db.driver.client.query(`DROP TABLE IF EXISTS ${name}`, []);
  await db.sync();
  if (fx.seeded.length > 0) await AbUser.insertMany(fx.seeded, { batchSize: 1000 });
  const factory = activeRecordWorkloads(AbUser, () => db)[workloadId];
  if (!factory) throw new Error(`the bench of ${build} does not share a '${workloadId}' workload among its contenders (an older revision): compare with a later base`);
  return factory(fx);
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function main() {
  const fx = fixture();
  const ops = [await prepare(buildA, 'a', fx), await prepare(buildB, 'b', fx)];
  for (const op of ops) for (let i = 1; i <= WARMUP; i++) await op(-i);
  global.gc?.();
  const cpu = [[], []];
  const next = [0, 0];
  for (let turn = 0; turn < turns; turn++) {
    for (const side of turn % 2 === 0 ? [0, 1] : [1, 0]) {
      const start = process.cpuUsage();
      for (let i = 0; i < calls; i++) await ops[side](next[side]++);
      const used = process.cpuUsage(start);
      cpu[side].push((used.user + used.system) / calls);
    }
  }
  const ratio = median(cpu[1].map((b, i) => b / cpu[0][i]));
  process.stdout.write(`${JSON.stringify({ ratio, cpuA: median(cpu[0]), cpuB: median(cpu[1]) })}\n`);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
