#!/usr/bin/env node
// Compares essencia's client CPU per operation at two revisions on PostgreSQL, for changes smaller than the main
// bench can see on a noisy machine. Both builds run in one process (bench/tools/ab-child.cjs), in alternating turns;
// each sample runs once with the base first and once with the other first, so that what the second place costs or
// saves cancels out of the estimate: sqrt(ratio with the base first / ratio with the other first).
// Usage: npm run bench:ab -- <base revision> [<revision>] (default: the working tree)
// Knobs: AB_WORKLOADS (insert-one,find-by-id,find-many,update-by-id,transaction), AB_SAMPLES (6 per order),
//        AB_TURNS (30), AB_CALLS (200 per turn), DATABASE_URL (default postgres://postgres@127.0.0.1:5432/essencia_bench).
// Comparing a revision with itself (`npm run bench:ab -- HEAD HEAD`) shows how far apart equal code lands here.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [baseRev, otherRev] = process.argv.slice(2);
if (!baseRev) {
  console.error('usage: npm run bench:ab -- <base revision> [<revision>]   (the second defaults to the working tree)');
  process.exit(1);
}
const workloads = (process.env.AB_WORKLOADS ?? 'insert-one,find-by-id,find-many,update-by-id,transaction').split(',');
const samples = Number(process.env.AB_SAMPLES ?? 6);
const turns = Number(process.env.AB_TURNS ?? 30);
const calls = Number(process.env.AB_CALLS ?? 200);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const scratch = mkdtempSync(join(tmpdir(), 'essencia-ab-'));

/** Compiles lib + bench at `rev` (a checkout of its files beside the project's node_modules), or the working tree. */
function build(rev, name) {
  const out = join(scratch, `${name}-build`);
  let project = root;
  if (rev !== undefined) {
    project = join(scratch, name);
    mkdirSync(project);
    let archive;
    try {
      archive = execFileSync('git', ['-C', root, 'archive', rev, 'lib', 'bench', 'tsconfig.json'], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      throw new Error(`cannot read revision '${rev}' (it needs lib/, bench/ and tsconfig.json): ${String(error.stderr ?? error.message).trim()}`);
    }
    execFileSync('tar', ['-x', '-C', project], { input: archive });
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
  }
  execFileSync(process.execPath, [tsc, '-p', join(project, 'bench', 'tsconfig.json'), '--outDir', out], { stdio: 'inherit' });
  return out;
}

function sample(first, second, workload) {
  const r = spawnSync(process.execPath, ['--expose-gc', join(root, 'bench', 'tools', 'ab-child.cjs'), first, second, workload, String(turns), String(calls)], {
    encoding: 'utf8',
    env: process.env,
  });
  if (r.status !== 0) throw new Error(`ab-child failed (${workload}):\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const fmt = (n, digits = 3) => n.toFixed(digits);

try {
  const otherName = otherRev ?? 'working tree';
  const base = build(baseRev, 'base');
  const other = build(otherRev, 'other');
  console.log(`essencia A/B: ${otherName} against ${baseRev}, ${samples} samples per order of ${turns} turns x ${calls} calls`);
  console.log(`Machine: Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' / ')}`);
  console.log(`${'workload'.padEnd(14)} ${'CPU µs/op base'.padStart(15)} ${'other'.padStart(8)} ${'other/base'.padStart(11)} ${'base first'.padStart(18)} ${'other first'.padStart(18)} ${'2nd place'.padStart(10)}`);
  for (const workload of workloads) {
    const baseFirst = [];
    const otherFirst = [];
    const cpuBase = [];
    const cpuOther = [];
    for (let s = 0; s < samples; s++) {
      const a = sample(base, other, workload);
      baseFirst.push(a.ratio);
      cpuBase.push(a.cpuA);
      cpuOther.push(a.cpuB);
      const b = sample(other, base, workload);
      otherFirst.push(b.ratio);
      cpuOther.push(b.cpuA);
      cpuBase.push(b.cpuB);
    }
    const mBaseFirst = median(baseFirst);
    const mOtherFirst = median(otherFirst);
    const range = (values) => `${fmt(median(values))} (${fmt(Math.min(...values), 2)}–${fmt(Math.max(...values), 2)})`;
    console.log(
      `${workload.padEnd(14)} ${fmt(median(cpuBase), 1).padStart(15)} ${fmt(median(cpuOther), 1).padStart(8)} ${fmt(Math.sqrt(mBaseFirst / mOtherFirst)).padStart(11)} ${range(baseFirst).padStart(18)} ${range(otherFirst).padStart(18)} ${fmt(Math.sqrt(mBaseFirst * mOtherFirst)).padStart(10)}`,
    );
  }
  console.log('other/base: the estimate (below 1.000: the other revision costs less CPU). base first / other first: the median');
  console.log('and range of (second build / first build) over the samples of each order. 2nd place: what running second did.');
} catch (error) {
  console.error(`bench:ab: ${error.message}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
