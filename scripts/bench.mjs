#!/usr/bin/env node
// Compiles lib + bench with tsc (decorator metadata needs tsc) into bench/.build, then runs the benchmark.
// Usage: npm run bench
// Knobs: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/essencia_bench, created when missing),
//        BENCH_ROUNDS (3), BENCH_SCALE (1; 0.1 for a smoke run),
//        BENCH_CONTENDERS / BENCH_WORKLOADS / BENCH_SECTIONS (comma-separated names, to run a subset;
//        sections: postgres, mysql, mongo, encryption, encryption-sqlite, sqlite, cache), MONGODB_URL (runs the MongoDB section; else it is skipped),
//        REDIS_URL (the cache section's Redis contender),
//        BENCH_CPU_PROF=1 (a V8 CPU profile of every contender's process in bench/.profiles), BENCH_OUT (results file; '' for none).
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'bench', '.build');

function run(args) {
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

rmSync(out, { recursive: true, force: true });
run([join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'bench/tsconfig.json', '--outDir', out]);

const flags = ['--expose-gc'];
if (process.env.BENCH_CPU_PROF) flags.push('--cpu-prof', `--cpu-prof-dir=${join(root, 'bench', '.profiles')}`);
run([...flags, join(out, 'bench', 'main.js')]);
