import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..', '..');
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
