import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..', '..');

describe('the built package', { timeout: 180_000 }, () => {
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
  });

  it('essencia/nestjs loads with require() and import, sharing the core classes; the core never loads NestJS', () => {
    // The test above builds dist/; build again only when this one runs alone.
    if (!existsSync(join(root, 'dist', 'nest', 'index.mjs'))) execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'pipe' });
    assert.ok(existsSync(join(root, 'dist', 'nest', 'index.d.ts')));
    const cjs = execFileSync(process.execPath, ['-e', "const n = require('essencia/nestjs'); console.log(typeof n.EssenciaModule.forRoot, typeof n.Transactional, typeof n.getModelToken)"], { cwd: root }).toString().trim();
    assert.equal(cjs, 'function function function');
    const esm = execFileSync(process.execPath, ['--input-type=module', '-e', "import { EssenciaModule } from 'essencia/nestjs'; const cjs = (await import('node:module')).createRequire(import.meta.url)('essencia/nestjs'); console.log(EssenciaModule === cjs.EssenciaModule)"], { cwd: root }).toString().trim();
    assert.equal(esm, 'true');
    const core = execFileSync(process.execPath, ['-e', "require('essencia'); console.log(Object.keys(require.cache).filter((f) => f.includes('@nestjs')).length)"], { cwd: root }).toString().trim();
    assert.equal(core, '0', 'the core barrel must not import @nestjs/*');
  });
});
