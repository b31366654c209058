#!/usr/bin/env node
// The peer comparison: essencia, raw postgres.js, Drizzle, TypeORM, MikroORM, Prisma and Sequelize on the same
// table and workloads, each contender in a process of its own. Installs bench/peers' own dependencies on first use
// (they are not part of the library's install), generates the Prisma client, compiles, runs.
// Usage: npm run bench:peers
// Knobs: as npm run bench (DATABASE_URL, BENCH_ROUNDS, BENCH_SCALE, BENCH_CONTENDERS, BENCH_WORKLOADS), and
//        BENCH_OUT (default bench/results/peers.json; '' for none).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const peers = join(root, 'bench', 'peers');
const out = join(peers, '.build');

function run(command, args, env = process.env) {
  const r = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!existsSync(join(peers, 'node_modules', '.package-lock.json'))) {
  console.log('bench:peers: installing bench/peers dependencies (first use)');
  run('npm', ['ci', '--prefix', peers, '--no-audit', '--no-fund']);
}

// `prisma generate` needs no engine binary with the prisma-client generator and a driver adapter, but the CLI checks
// for the schema engine (used by migrate / db push only) and downloads it when missing; naming any existing file
// skips that, so generation works without network access to Prisma's binaries.
const prismaEnv = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath };
run(process.execPath, [join(peers, 'node_modules', 'prisma', 'build', 'index.js'), 'generate', '--schema', join(peers, 'prisma', 'schema.prisma')], prismaEnv);

rmSync(out, { recursive: true, force: true });
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(peers, 'tsconfig.json')]);
run(process.execPath, ['--expose-gc', join(out, 'bench', 'peers', 'main.js')]);
