import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { markdownBlocks } from '../support/markdown-blocks';
import { installEssencia, runToEnd, type Installation } from '../support/sample-app';

const root = join(__dirname, '..', '..');
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const readme = markdownBlocks('README.md', readFileSync(join(root, 'README.md'), 'utf8'));
const firstExample = readme.find((b) => b.lang === 'ts')!;
const tsconfigOf = (kind: string): string => {
  const block = readme.find((b) => b.directives.get('tsconfig') === kind);
  assert.ok(block, `README.md has a tsconfig.json block marked <!-- doc-test: tsconfig ${kind} -->`);
  return block.code;
};

// The app runs as a user would run it: the embedded default (no server URL), a key in the environment. The
// timeouts are generous (two embedded PostgreSQL instances start in 10-60 s on a busy machine): they are there
// to catch a program that never exits, not to measure it.
const { DATABASE_URL: _pg, MONGODB_URL: _mongo, ...baseEnv } = process.env;
const env = { ...baseEnv, ESSENCIA_ENCRYPTION_KEY: randomBytes(32).toString('base64') };

describe('the first README example, pasted into a new app', () => {
  let install: Installation;
  beforeAll(() => {
    install = installEssencia(root);
  }, 600_000);
  afterAll(() => rmSync(install.dir, { recursive: true, force: true }));

  for (const [kind, type] of [['commonjs', 'commonjs'], ['esm', 'module']] as const) {
    it(`compiles with the README's ${kind} tsconfig.json (real tsc) and exits 0 by itself`, async () => {
      const app = install.app(`${kind}-app`, { type, tsconfig: tsconfigOf(kind), source: firstExample.code });
      const compiled = await runToEnd(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app, env, timeoutMs: 240_000 });
      assert.equal(compiled.code, 0, `tsc failed:\n${compiled.stdout}${compiled.stderr}`);
      const emitted = readFileSync(join(app, 'dist', 'index.js'), 'utf8');
      assert.match(emitted, kind === 'esm' ? /^import /m : /require\("essencia"\)/, `tsc emitted ${kind}`);
      const run = await runToEnd(process.execPath, ['dist/index.js'], { cwd: app, env, timeoutMs: 300_000 });
      assert.equal(run.signal, null, `still running after ${run.ms} ms: it must exit by itself\n${run.stdout}${run.stderr}`);
      assert.equal(run.code, 0, `${run.stdout}${run.stderr}`);
      assert.match(run.stdout, /cpf: '\*\*\*\.\*\*\*\.\*47-25'/);
      assert.match(run.stdout, /1 appointment\(s\) ahead/);
      assert.doesNotMatch(run.stdout + run.stderr, /52998224725|529\.982\.247-25/);
    }, 600_000);
  }
});
