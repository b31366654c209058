import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, it } from '@jest/globals';

const root = join(__dirname, '..', '..');
const REPOSITORY = 'https://github.com/essencia-ts/essencia';

/** The files `npm pack` would put in the tarball, as package-relative paths. */
function packedFiles(): Set<string> {
  const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  const [pack] = JSON.parse(out) as Array<{ files: Array<{ path: string }> }>;
  return new Set(pack!.files.map((f) => f.path));
}

/** Link targets of a Markdown file: `[text](target)`, without in-page anchors. */
function linksOf(markdown: string): string[] {
  return [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !t.startsWith('#'));
}

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

  it('the tarball holds what the README and the docs link to, and source maps that carry their sources', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { repository: { url: string }; homepage: string; bugs: { url: string } };
    assert.equal(pkg.repository.url, `git+${REPOSITORY}.git`);
    assert.ok(pkg.homepage.startsWith(REPOSITORY));
    assert.equal(pkg.bugs.url, `${REPOSITORY}/issues`);

    const packed = packedFiles();
    const pages = [...packed].filter((f) => f === 'README.md' || /^docs\/.+\.md$/.test(f));
    assert.ok(pages.includes('docs/encryption.md') && pages.includes('docs/cli.md'), 'docs/ ships');
    let relative = 0;
    for (const page of pages) {
      for (const target of linksOf(readFileSync(join(root, page), 'utf8'))) {
        if (target.startsWith(`${REPOSITORY}/`)) {
          const inRepo = /^\/(?:blob|tree)\/main\/(.+)$/.exec(target.slice(REPOSITORY.length));
          if (inRepo) assert.ok(existsSync(join(root, inRepo[1]!)), `${page} links to ${target}, which is not in the repository`);
          continue;
        }
        if (/^[a-z]+:/.test(target)) continue;
        const file = posix.normalize(posix.join(posix.dirname(page), target.split('#')[0]!));
        assert.ok(packed.has(file), `${page} links to ${target}, which is not in the package (${file})`);
        relative += 1;
      }
    }
    assert.ok(relative >= 5, `relative links checked: ${relative}`);

    const maps = [...packed].filter((f) => f.endsWith('.js.map'));
    assert.ok(maps.includes('dist/index.js.map'));
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(readFileSync(join(root, map), 'utf8')) as { sources: string[]; sourcesContent?: Array<string | null> };
      sources.forEach((source, i) => {
        const inline = typeof sourcesContent?.[i] === 'string' && sourcesContent[i]!.length > 0;
        const shipped = packed.has(posix.normalize(posix.join(dirname(map), source)));
        assert.ok(inline || shipped, `${map} names ${source}, which is neither inlined nor in the package`);
      });
    }
  });
});
