// One A/B sample for scripts/bench-ab.mjs: two compiled builds of essencia loaded in this one process, each with
// its own Database and table on DATABASE_URL, timed in alternating turns of the same workload (the first build's
// turn first in even turns, the second's in odd ones). Prints one JSON line: the median over turns of the second
// build's CPU per operation divided by the first's turn beside it, and each build's median CPU per operation.
// Usage: node bench/tools/ab-child.cjs <buildA> <buildB> <workload> <turns> <calls per turn>
'use strict';
const [buildA, buildB, workload, turnsArg, callsArg] = process.argv.slice(2);
const turns = Number(turnsArg);
const calls = Number(callsArg);
const url = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/essencia_bench';
const SEEDED = 1000;
const WARMUP = 1000;

const row = (i) => ({
  name: `user ${i}`,
  email: `user${i}@example.com`,
  age: 18 + (i % 70),
  score: i * 1.5,
  active: i % 2 === 0,
  createdAt: new Date(1_700_000_000_000 + i * 1000),
});

/** The workload's call on `build`, with a model and a table of its own (`side` names them). */
async function prepare(build, side) {
  const lib = require(`${build}/lib`);
  const { BenchUserFields } = require(`${build}/bench/contenders/active-record`);
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
  const ids = [];
  for (let i = 0; i < SEEDED; i++) ids.push((await AbUser.create(row(i))).id);
  const calls = {
    'insert-one': (i) => AbUser.create(row(i)),
    'find-by-id': (i) => AbUser.findById(ids[i % SEEDED]),
    'find-many': () => AbUser.findMany({ active: true }, { limit: SEEDED }),
    'update-by-id': (i) => AbUser.updateMany({ id: ids[i % SEEDED] }, { score: i + 0.5 }),
    transaction: (i) =>
      db.transaction(async () => {
        await AbUser.create(row(2 * i));
        await AbUser.create(row(2 * i + 1));
      }),
  };
  if (!calls[workload]) throw new Error(`unknown workload '${workload}' (${Object.keys(calls).join(', ')})`);
  return calls[workload];
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

async function main() {
  const ops = [await prepare(buildA, 'a'), await prepare(buildB, 'b')];
  let n = SEEDED;
  for (const op of ops) for (let i = 0; i < WARMUP; i++) await op(n++);
  global.gc?.();
  const cpu = [[], []];
  for (let turn = 0; turn < turns; turn++) {
    for (const side of turn % 2 === 0 ? [0, 1] : [1, 0]) {
      const start = process.cpuUsage();
      for (let i = 0; i < calls; i++) await ops[side](n++);
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
