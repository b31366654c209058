import { spawnSync } from 'node:child_process';
import { addSample, fixtureOf, measure, rotated, summarise, type Samples, type SuiteShape } from './runner';
import type { Contender, Results, Sample, Workload } from './types';

/** The line a contender's process prints its samples on. */
const SAMPLES_MARK = 'SAMPLES ';

/**
 * In a contender's own process: runs every workload it supports once (round `round`'s fixtures) and prints the
 * samples as one JSON line on stdout; progress goes to stderr.
 */
export async function runContenderProcess(contender: Contender, workloads: readonly Workload[], round: number): Promise<void> {
  const samples: Record<string, Sample> = {};
  await contender.setup();
  try {
    const settings = (await contender.settings?.()) ?? {};
    console.error(`  ${contender.name}: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    for (const workload of workloads) {
      if (!contender.workloads[workload.id]) continue;
      const sample = await measure(contender, workload, fixtureOf(workload, round));
      samples[workload.id] = sample;
      const rate = Math.round(sample.ops / sample.seconds).toLocaleString('en-US');
      const cpu = (sample.cpuMicros / sample.ops).toFixed(1);
      console.error(`  round ${round + 1}  ${workload.id.padEnd(14)} ${contender.name.padEnd(17)} ${rate.padStart(9)} ${workload.unit}/s ${cpu.padStart(8)} CPU µs/${workload.unit}`);
    }
  } finally {
    await contender.teardown();
  }
  console.log(`${SAMPLES_MARK}${JSON.stringify(samples)}`);
}

/** Runs `script <contender> <round>` in a fresh process and returns the samples it printed, by workload. */
function runChild(script: string, name: string, round: number, env: NodeJS.ProcessEnv): Record<string, Sample> {
  const child = spawnSync(process.execPath, ['--expose-gc', script, name, String(round)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    env,
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.split('\n').find((l) => l.startsWith(SAMPLES_MARK));
  if (child.status !== 0 || !line) throw new Error(`${name} (round ${round + 1}) failed with status ${child.status}`);
  return JSON.parse(line.slice(SAMPLES_MARK.length)) as Record<string, Sample>;
}

/**
 * Every contender of the suite in a process of its own (`script`, see {@link runContenderProcess}), the order
 * rotated every round: no contender inherits another's heap, JIT state or connections, which in one process
 * skewed small differences (an encrypted field's cost) by more than the difference itself.
 */
export function runIsolated(suite: SuiteShape, rounds: number, script: string, env: NodeJS.ProcessEnv = process.env): Results {
  const samples: Samples = new Map();
  for (let round = 0; round < rounds; round++) {
    for (const contender of rotated(suite.contenders, round)) {
      const byWorkload = runChild(script, contender.name, round, env);
      for (const workload of suite.workloads) {
        const sample = byWorkload[workload.id];
        if (sample) addSample(samples, workload, contender.name, sample);
      }
    }
  }
  return summarise(suite, samples);
}
