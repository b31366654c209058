#!/usr/bin/env node
// Compiles a sample with tsc (decorators need emitDecoratorMetadata, so no type-stripping runner) and runs it.
// Usage: npm run sample [-- <name>]     (default: clinic, i.e. samples/<name>/main.ts)
// The environment is passed through: DATABASE_URL, MONGODB_URL, ESSENCIA_ENCRYPTION_KEY ...
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const name = process.argv[2] ?? 'clinic';
const dir = join(root, 'samples', name);
const project = join(dir, 'tsconfig.json');
if (!existsSync(project)) {
  console.error(`sample: no sample named '${name}' (expected samples/${name}/tsconfig.json)`);
  process.exit(2);
}

// The sample's tsconfig compiles incrementally into samples/<name>/.build (gitignored); rootDir is the
// repository, so samples/<name>/main.ts lands in .build/samples/<name>/main.js.
const build = join(dir, '.build');
const entry = join(build, 'samples', name, 'main.js');
// Build info without its outputs would make tsc skip the emit: start over then.
if (!existsSync(entry)) rmSync(build, { recursive: true, force: true });

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', project], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0 || !existsSync(entry)) {
  console.error(`sample: samples/${name} does not compile`);
  process.exit(compiled.status || 1);
}

const ran = spawnSync(process.execPath, ['--enable-source-maps', entry], { cwd: root, stdio: 'inherit', env: process.env });
if (ran.error) {
  console.error(`sample: could not run samples/${name}: ${ran.error.message}`);
  process.exit(1);
}
process.exit(ran.status ?? 1);
