#!/usr/bin/env node
// Compiles lib + spec with tsc (decorator metadata needs tsc), then runs node's test runner.
// Usage: npm test [-- <path filter>...]   e.g. npm test -- spec/unit/filter
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// Each run builds into its own folder, so that runs in the same tree never delete each other's files.
const out = join(root, '.test-build', `run-${process.pid}`);
const filters = process.argv.slice(2);

function cleanUp() {
  rmSync(out, { recursive: true, force: true });
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    cleanUp();
    process.exit(r.status ?? 1);
  }
}

cleanUp();
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
run(process.execPath, [tsc, '-p', 'spec/tsconfig.json', '--outDir', out]);
if (filters.length === 0 || filters.some((f) => f.startsWith('spec/types'))) {
  run(process.execPath, [tsc, '-p', 'spec/types/tsconfig.json']);
}

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.js') ? [p] : [];
  });
}
const files = walk(join(out, 'spec'))
  .filter((f) => filters.length === 0 || filters.some((flt) => relative(out, f).startsWith(flt.replace(/\.ts$/, ''))))
  .sort();
if (files.length === 0) {
  console.error(`no test files match ${filters.join(' ')}`);
  process.exit(1);
}

const { describeBackends } = await import(join(out, 'spec', 'support', 'backends.js'));
console.log(describeBackends());

// Files that share the MongoDB server run one at a time (the test stand-in has no isolation between
// sessions); the others run in parallel first.
const mongo = files.filter((f) => /mongo/.test(f));
const others = files.filter((f) => !mongo.includes(f));
const concurrency = process.env.TEST_CONCURRENCY ?? '2';
const runner = (group, parallel) => ['--test', `--test-concurrency=${parallel}`, '--test-reporter=spec', ...group];
if (others.length) run(process.execPath, runner(others, concurrency));
if (mongo.length) run(process.execPath, runner(mongo, '1'));
cleanUp();
