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

/**
 * Each turn against the baseline's turn timed beside it (samples are pushed turn by turn, so `list[t]` and
 * `base[t]` ran side by side), with the round it was taken in. Ratios of turns, rather than of the medians of
 * the whole run, keep the pairing the lock-step exists for: in one run of the PostgreSQL, MySQL and SQLite
 * sections the control rows landed 0.013–0.029 from 1.00 on average this way, against 0.037 as ratios of medians.
 */
function pairedTurns(list: readonly RoundSample[], base: readonly RoundSample[]): PairedTurn[] {
  return list.slice(0, base.length).map((s, t) => {
    const mine = cpuPerOp(s);
    const theirs = cpuPerOp(base[t]!);
    return { ratio: mine / theirs, delta: mine - theirs, round: s.round };
  });
}

/** One turn of a contender against the baseline's turn beside it: CPU per operation over theirs, and minus theirs. */
interface PairedTurn {
  readonly ratio: number;
  readonly delta: number;
  readonly round: number;
}

/** The lowest and highest of the rounds' CPU ratios (each the median of that round's turn ratios). */
function roundRange(ratios: readonly PairedTurn[]): [number, number] {
  const byRound = [...new Set(ratios.map((r) => r.round))].map((round) => median(ratios.filter((r) => r.round === round).map((r) => r.ratio)));
  return [Number(Math.min(...byRound).toFixed(3)), Number(Math.max(...byRound).toFixed(3))];
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
        const turns = pairedTurns(list, base);
        row[contender.name]!.cpuRatio = Number(median(turns.map((t) => t.ratio)).toFixed(3));
        row[contender.name]!.cpuRatioRange = roundRange(turns);
        row[contender.name]!.cpuDeltaUs = Number(median(turns.map((t) => t.delta)).toFixed(2));
      }
    }
    if (Object.keys(row).length) results[`${suite.keyPrefix}${workload.id}`] = row;
  }
  return results;
}
