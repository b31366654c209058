#!/usr/bin/env node
// Builds dist/: CommonJS + .d.ts with tsc, and an .mjs ESM entry per entry point that re-exports the CommonJS build
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

// Each entry point: its CommonJS file in dist/ and the ESM file written beside it.
const entries = ['index', 'testing/index', 'nest/index'];
for (const entry of entries) {
  const names = Object.keys(createRequire(import.meta.url)(join(dist, `${entry}.js`))).filter((n) => n !== '__esModule').sort();
  const base = entry.split('/').pop();
  const esm = [
    `import cjs from './${base}.js';`,
    '',
    ...names.map((n) => `export const ${n} = cjs.${n};`),
    '',
  ].join('\n');
  writeFileSync(join(dist, `${entry}.mjs`), esm);
  console.log(`${join(dist, entry)} built: ${names.length} exports (CommonJS + ESM entry)`);
}
