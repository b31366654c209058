import { fork, type ChildProcess } from 'node:child_process';
import { addSample, fixtureOf, rotated, summarise, type Samples, type SuiteShape } from './runner';
import type { Contender, Op, Results, Sample, Workload } from './types';

/**
 * Lock-step runs: every contender in a process of its own (its own heap, JIT state and connections), all of them
 * alive at once and timed in turns of a few hundred calls. A difference of a few µs per op between two contenders
 * is then taken between blocks timed a fraction of a second apart: on a machine whose load changes by the second,
 * sequential runs (one contender after the other) differed by more than the difference being measured.
 */

/** Timed calls per block at most. */
export const BLOCK_CALLS = 200;
/** Blocks per round at least (when the workload has that many calls), so that every round gives several samples. */
const MIN_BLOCKS = 10;

/** Calls per block of a workload: at most {@link BLOCK_CALLS}, and at least {@link MIN_BLOCKS} blocks a round. */
export function blockCallsOf(calls: number): number {
  return Math.max(1, Math.min(BLOCK_CALLS, Math.floor(calls / MIN_BLOCKS)));
}

type Request =
  | { readonly kind: 'setup' }
  | { readonly kind: 'prepare'; readonly workload: string; readonly round: number }
  | { readonly kind: 'block'; readonly calls: number }
  | { readonly kind: 'finish' };

type Reply = { readonly settings?: Record<string, string>; readonly sample?: Sample; readonly error?: string };

/**
 * The child's half: serves the parent's requests for one contender over IPC. `prepare` resets, seeds, builds the
 * op of one workload (round `round`'s fixtures) and warms it up, untimed; each `block` times the next `calls` calls.
 */
export function serveLockstep(contender: Contender, workloads: readonly Workload[]): void {
  let op: Op | undefined;
  let opsPerCall = 1;
  let next = 0;
  const handle = async (request: Request): Promise<Reply> => {
    switch (request.kind) {
      case 'setup':
        await contender.setup();
        return { settings: (await contender.settings?.()) ?? {} };
      case 'prepare': {
        const workload = workloads.find((w) => w.id === request.workload)!;
        opsPerCall = workload.opsPerCall;
        const fixture = fixtureOf(workload, request.round);
        await contender.reset();
        if (fixture.seeded.length) await contender.seed(fixture.seeded);
        op = await contender.workloads[workload.id]!(fixture);
        // Collected before the warm-up, not after: a full collection drops optimised code, and the timed calls would
        // pay for optimising it again.
        (globalThis as { gc?: () => void }).gc?.();
        for (let i = 0; i < workload.warmupCalls; i++) await op(-1 - i);
        if (workload.resetAfterWarmup) await contender.reset();
        next = 0;
        return {};
      }
      case 'block': {
        const cpu0 = process.cpuUsage();
        const t0 = process.hrtime.bigint();
        for (let k = 0; k < request.calls; k++) await op!(next++);
        const t1 = process.hrtime.bigint();
        const cpu = process.cpuUsage(cpu0);
        return { sample: { ops: request.calls * opsPerCall, seconds: Number(t1 - t0) / 1e9, cpuMicros: cpu.user + cpu.system } };
      }
      case 'finish':
        await contender.teardown();
        return {};
    }
  };
  process.on('message', (request: Request) => {
    handle(request).then(
      // After `finish` the process exits by itself (a killed one would not write its BENCH_CPU_PROF profile).
      (reply) => process.send!(reply, () => request.kind === 'finish' && process.exit(0)),
      (error: unknown) => process.send!({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

/** One request to a child and its reply; a child that fails or exits rejects. */
function ask(child: ChildProcess, name: string, request: Request): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`${name} exited (status ${code}) during '${request.kind}'`));
    child.once('exit', onExit);
    child.once('message', (reply: Reply) => {
      child.off('exit', onExit);
      if (reply.error) reject(new Error(`${name}: ${reply.error}`));
      else resolve(reply);
    });
    child.send(request);
  });
}

/** How to start the process that serves one contender: `script` with `args(contender name)`. */
export interface LockstepChild {
  readonly script: string;
  readonly args: (name: string) => string[];
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs every workload of the suite with its contenders in lock-step (each served by a child, see
 * {@link serveLockstep}): each round prepares every contender on that round's fixtures, then times blocks of
 * {@link blockCallsOf} calls, the contenders' order rotated every block. Each block is one sample, so medians and
 * the per-sample CPU differences are taken over blocks timed side by side.
 */
/** Node flags of each child: gc() between rounds, and the CPU profile flags this process got (BENCH_CPU_PROF). */
const childFlags = ['--expose-gc', ...process.execArgv.filter((flag) => flag.startsWith('--cpu-prof'))];

export async function runLockstep(suite: SuiteShape, rounds: number, start: LockstepChild, log: (line: string) => void): Promise<Results> {
  const children = suite.contenders.map((c) => ({
    name: c.name,
    child: fork(start.script, start.args(c.name), { execArgv: childFlags, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], env: start.env ?? process.env }),
  }));
  const samples: Samples = new Map();
  try {
    for (const { name, child } of children) {
      const { settings = {} } = await ask(child, name, { kind: 'setup' });
      log(`  ${name}: ${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    }
    for (let round = 0; round < rounds; round++) {
      for (const workload of suite.workloads) {
        for (const { name, child } of children) await ask(child, name, { kind: 'prepare', workload: workload.id, round });
        const blockCalls = blockCallsOf(workload.calls);
        const blocks = Math.floor(workload.calls / blockCalls);
        for (let block = 0; block < blocks; block++) {
          for (const { name, child } of rotated(children, block)) {
            const { sample } = await ask(child, name, { kind: 'block', calls: blockCalls });
            addSample(samples, workload, name, sample!, round);
          }
        }
        log(`  round ${round + 1}/${rounds}  ${workload.id.padEnd(14)} ${blocks} blocks of ${blockCalls} calls per contender`);
      }
    }
    for (const { name, child } of children) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await ask(child, name, { kind: 'finish' });
      await exited;
    }
  } finally {
    for (const { child } of children) if (child.exitCode === null) child.kill();
  }
  return summarise(suite, samples);
}
