// One contender of the peer comparison, one round, in a process of its own: prints its samples as one JSON line.
// Usage (from main.ts): node child.js <contender name> <round>
import { config } from '../config';
import { fixtureOf, measure } from '../runner';
import type { Sample } from '../types';
import { postgresWorkloads } from '../workloads';
import { PEERS } from './contenders';

export const SAMPLES_MARK = 'SAMPLES ';

async function main(): Promise<void> {
  const [name, roundArg] = process.argv.slice(2);
  const peer = PEERS.find((p) => p.name === name);
  if (!peer) throw new Error(`unknown contender '${name}'`);
  const round = Number(roundArg);
  const contender = (await peer.load())(config.url);
  const workloads = postgresWorkloads().filter((w) => !config.workloads || config.workloads.includes(w.id));
  const samples: Record<string, Sample> = {};
  await contender.setup();
  try {
    const settings = (await contender.settings?.()) ?? {};
    console.error(`  ${name}: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    for (const workload of workloads) {
      if (!contender.workloads[workload.id]) continue;
      const sample = await measure(contender, workload, fixtureOf(workload, round));
      samples[workload.id] = sample;
      const rate = Math.round(sample.ops / sample.seconds).toLocaleString('en-US');
      console.error(`  round ${round + 1}  ${workload.id.padEnd(14)} ${name.padEnd(17)} ${rate.padStart(9)} ${workload.unit}/s ${(sample.cpuMicros / sample.ops).toFixed(1).padStart(8)} CPU µs/${workload.unit}`);
    }
  } finally {
    await contender.teardown();
  }
  console.log(`${SAMPLES_MARK}${JSON.stringify(samples)}`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
