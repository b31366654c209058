#!/usr/bin/env node
// Builds dist/: CommonJS + .d.ts with tsc, and dist/index.mjs, an ESM entry that re-exports the CommonJS build
// (one copy of the code, so `import` and `require` users share the same classes and metadata).
// Usage: node scripts/build.mjs [outDir]   (default dist/; the tests build a package elsewhere with it)
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.json', '--outDir', dist], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);

const names = Object.keys(createRequire(import.meta.url)(join(dist, 'index.js'))).filter((n) => n !== '__esModule').sort();
const esm = [
  "import cjs from './index.js';",
  '',
  ...names.map((n) => `export const ${n} = cjs.${n};`),
  '',
].join('\n');
writeFileSync(join(dist, 'index.mjs'), esm);
console.log(`${dist} built: ${names.length} exports (CommonJS + ESM entry)`);
