import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..', '..');

describe('the built package', { timeout: 900_000 }, () => {
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
    const testing = execFileSync(process.execPath, ['-e', "const t = require('essencia/testing'); console.log(Object.keys(t).sort().join(','), 'useTestDatabases' in require('essencia'))"], { cwd: root }).toString().trim();
    assert.equal(testing, 'DEFAULT_TEST_URL,truncate,useTestDatabases,withRollback false', 'essencia/testing is its own entry point');
  });

  // Each fixture (spec/runners/<runner>) is a user's project: its own config, essencia/testing on the embedded
  // default. The runner gets no flags and no NODE_OPTIONS, and must exit by itself (no open handles).
  const runners: Array<[string, string[], RegExp]> = [
    ['ts-jest', [join(root, 'node_modules', 'jest', 'bin', 'jest.js')], /Tests:\s+5 passed, 5 total/],
    ['swc-jest', [join(root, 'node_modules', 'jest', 'bin', 'jest.js')], /Tests:\s+5 passed, 5 total/],
    ['vitest', [join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run'], /Tests\s+5 passed \(5\)/],
  ];
  for (const [runner, args, passed] of runners) {
    it(`works under ${runner} with no flags, and the runner exits by itself`, () => {
      const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', NO_COLOR: '1' };
      for (const name of ['NODE_OPTIONS', 'FORCE_COLOR', 'JEST_WORKER_ID', 'VITEST', 'NODE_TEST_CONTEXT']) delete env[name];
      const r = spawnSync(process.execPath, args, { cwd: join(root, 'spec', 'runners', runner), env, encoding: 'utf8', timeout: 240_000 });
      const output = `${r.stdout}\n${r.stderr}`;
      assert.equal(r.error, undefined, `${runner} did not exit by itself within 240 s:\n${output}`);
      assert.equal(r.status, 0, output);
      assert.match(output, passed);
      assert.doesNotMatch(output, /did not exit|open handle/i);
    });
  }

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
