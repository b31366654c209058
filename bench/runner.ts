import { newRows, withIds } from './data';
import type { Contender, Fixture, Results, Sample, Suite, Workload } from './types';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The contenders in the order of round `round`: each round starts one further along. */
export function rotated<T>(items: readonly T[], round: number): T[] {
  const k = round % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** Fixture data of one workload, built once and shared by every contender (so they store the same rows). */
export function fixtureOf(workload: Workload, round: number): Fixture {
  return {
    seeded: withIds(newRows(workload.seedRows, 1 + round * 10)),
    warmupRows: newRows(workload.warmupCalls * workload.rowsPerCall, 2 + round * 10),
    timedRows: newRows(workload.calls * workload.rowsPerCall, 3 + round * 10),
    params: workload.params ?? {},
  };
}

/** A sample and the round it was taken in. */
type RoundSample = Sample & { readonly round: number };

/** Samples per workload and contender, in the order they were taken (round by round). */
export type Samples = Map<string, RoundSample[]>;

const key = (w: Workload, contender: string) => `${w.id}\u0000${contender}`;

export function addSample(samples: Samples, workload: Workload, contender: string, sample: Sample, round: number): void {
  const list = samples.get(key(workload, contender));
  const taken = { ...sample, round };
  if (list) list.push(taken);
  else samples.set(key(workload, contender), [taken]);
}

const cpuPerOp = (s: Sample): number => s.cpuMicros / s.ops;

/** The lowest and highest of the rounds' CPU ratios (each the ratio of the round's medians): how far one round's figure can land from another's. */
function cpuRatioRange(list: readonly RoundSample[], base: readonly RoundSample[]): [number, number] {
  const ratios: number[] = [];
  for (const round of new Set(list.map((s) => s.round))) {
    const mine = list.filter((s) => s.round === round).map(cpuPerOp);
    const theirs = base.filter((s) => s.round === round).map(cpuPerOp);
    if (mine.length && theirs.length) ratios.push(median(mine) / median(theirs));
  }
  return [Number(Math.min(...ratios).toFixed(3)), Number(Math.max(...ratios).toFixed(3))];
}

/** What summarising needs of a suite: the contenders by name only (they may have run in other processes). */
export type SuiteShape = Omit<Suite, 'contenders'> & { readonly contenders: readonly { readonly name: string }[] };

/** The medians of the samples (ops/s, ratio to the baseline's median ops/s, client CPU µs per op, CPU ratios). */
export function summarise(suite: SuiteShape, samples: Samples): Results {
  const results: Results = {};
  for (const workload of suite.workloads) {
    const row: Results[string] = {};
    const base = samples.get(key(workload, suite.baseline));
    const baseOps = base ? median(base.map((s) => s.ops / s.seconds)) : NaN;
    for (const contender of suite.contenders) {
      const list = samples.get(key(workload, contender.name));
      if (!list) continue;
      const opsPerSec = median(list.map((s) => s.ops / s.seconds));
      const cpuUsPerOp = median(list.map(cpuPerOp));
      row[contender.name] = {
        opsPerSec: Math.round(opsPerSec),
        ratio: Number((opsPerSec / baseOps).toFixed(3)),
        cpuUsPerOp: Number(cpuUsPerOp.toFixed(2)),
      };
      if (suite.compareCpu && base) {
        const baseCpu = median(base.map(cpuPerOp));
        // Samples of one workload are pushed block by block, so list[b] and base[b] were timed side by side.
        const deltas = list.slice(0, base.length).map((s, b) => cpuPerOp(s) - cpuPerOp(base[b]!));
        row[contender.name]!.cpuRatio = Number((cpuUsPerOp / baseCpu).toFixed(3));
        row[contender.name]!.cpuRatioRange = cpuRatioRange(list, base);
        row[contender.name]!.cpuDeltaUs = Number(median(deltas).toFixed(2));
      }
    }
    if (Object.keys(row).length) results[`${suite.keyPrefix}${workload.id}`] = row;
  }
  return results;
}
