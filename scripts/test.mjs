#!/usr/bin/env node
// Type-checks lib + spec with tsc (emitting into a per-run folder, which the CLI tests run as child processes),
// runs the compile-only type tests (spec/types), then runs jest once for every backend.
// Usage: npm test [-- <path filter>... <jest option>...]   e.g. npm test -- spec/unit/filter -t 'rejects'
// A path filter starts with spec/; any other argument goes to jest as it is.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
// Each run builds into its own folder, so that runs in the same tree never delete each other's files.
const out = join(root, '.test-build', `run-${process.pid}`);
const args = process.argv.slice(2);
const isFilter = (a) => /^(\.\/)?spec(\/|$)/.test(a);
const filters = args.filter(isFilter).map((a) => a.replace(/^\.\//, ''));
const options = args.filter((a) => !isFilter(a));

function cleanUp() {
  rmSync(out, { recursive: true, force: true });
}

function run(cmd, cmdArgs, env = process.env) {
  const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  if (r.status !== 0) {
    cleanUp();
    process.exit(r.status ?? 1);
  }
}

cleanUp();
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
run(process.execPath, [tsc, '-p', 'spec/tsconfig.json', '--outDir', out]);
const typeFilters = filters.filter((f) => f.startsWith('spec/types'));
if (filters.length === 0 || typeFilters.length > 0) {
  run(process.execPath, [tsc, '-p', 'spec/types/tsconfig.json']);
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A path filter is a prefix of a test file's path from the repository root, as with node's runner before.
const patterns = filters.filter((f) => !typeFilters.includes(f)).map((f) => `^${escape(join(root, f.replace(/\.ts$/, '')))}`);
if (filters.length === 0 || patterns.length > 0) {
  const jest = join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const env = { ...process.env, ESSENCIA_TEST_BUILD: out };
  run(process.execPath, [jest, ...(patterns.length ? ['--testPathPatterns', ...patterns] : []), ...options], env);
}
cleanUp();
