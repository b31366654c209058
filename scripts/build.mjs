#!/usr/bin/env node
// Builds dist/: CommonJS + .d.ts with tsc, and one ESM entry per public entry point that re-exports the CommonJS
// build (one copy of the code, so `import` and `require` users share the same classes and metadata).
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
/** The entry points of package.json "exports", as paths under dist/ without extension. */
const ENTRIES = ['index', 'nest/index'];

rmSync(dist, { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

const require = createRequire(import.meta.url);
for (const entry of ENTRIES) {
  const names = Object.keys(require(join(dist, `${entry}.js`))).filter((n) => n !== '__esModule').sort();
  const base = entry.split('/').pop();
  const esm = [`import cjs from './${base}.js';`, '', ...names.map((n) => `export const ${n} = cjs.${n};`), ''].join('\n');
  writeFileSync(join(dist, `${entry}.mjs`), esm);
  console.log(`dist/${entry}: ${names.length} exports (CommonJS + ESM entry)`);
}
