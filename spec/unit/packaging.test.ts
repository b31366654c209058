import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from '@jest/globals';

const root = join(__dirname, '..', '..');

describe('the built package', () => {
  it('npm run build emits JS and .d.ts that load with require() and import', () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
    assert.ok(existsSync(join(root, 'dist', 'index.d.ts')));
    assert.ok(existsSync(join(root, 'dist', 'cli', 'main.js')));
    // Self-reference by package name goes through package.json "exports", as a user's import would.
    const cjs = execFileSync(process.execPath, ['-e', "const e = require('essencia'); console.log(typeof e.Model, typeof e.BaseModel, typeof e.DatabaseFactory.createDatabase)"], { cwd: root }).toString().trim();
    assert.equal(cjs, 'function function function');
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', "import { Model, BaseModel, EncryptedCPF, QueryError } from 'essencia'; import * as all from 'essencia'; const cjs = (await import('node:module')).createRequire(import.meta.url)('essencia'); console.log(typeof Model, typeof EncryptedCPF, BaseModel === cjs.BaseModel, new QueryError('x') instanceof cjs.EssenciaError, Object.keys(all).length > 40)"], { cwd: root }).toString().trim();
    assert.equal(esm, 'function function true true true', 'ESM and CommonJS share one copy of the classes');
    const help = execFileSync(process.execPath, [join(root, 'dist', 'cli', 'main.js'), '--help'], { cwd: root }).toString();
    assert.match(help, /keys rotate/);
  }, 180_000);
});
