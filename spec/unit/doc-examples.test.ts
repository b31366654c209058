import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from '@jest/globals';
import { checkedBlocks, essenciaPaths, typeCheckBlocks } from '../support/doc-compile';
import { markdownBlocks } from '../support/markdown-blocks';

const root = join(__dirname, '..', '..');
const files = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => `docs/${f}`)];
const blocks = files.flatMap((file) => markdownBlocks(file, readFileSync(join(root, file), 'utf8')));

describe('the TypeScript examples of README.md and docs/', () => {
  it('finds the examples: the README has several, and almost none is skipped', () => {
    const ts = blocks.filter((b) => b.lang === 'ts');
    assert.ok(ts.filter((b) => b.file === 'README.md').length >= 5, 'README.md ts blocks');
    assert.ok(checkedBlocks(blocks).length >= ts.length - 2, 'at most two skipped blocks');
  });

  it('every ```ts block type-checks against the project sources', () => {
    const problems = typeCheckBlocks(root, blocks);
    assert.deepEqual(problems.map((p) => `${p.where}: ${p.message}`), []);
  });

  it('a broken example is reported at its Markdown line', () => {
    const broken = markdownBlocks('broken.md', "# t\n\n```ts\nimport { BaseModel } from 'essencia';\nconst n: number = BaseModel;\n```\n");
    const problems = typeCheckBlocks(root, broken);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.where, 'broken.md:5');
    assert.match(problems[0]!.message, /^TS2322/);
  });

  it('directives: a prelude declares what a fragment assumes, continues prepends the block it builds on, skip needs a reason', () => {
    const md = [
      '```ts',
      "import { BaseModel, Field, Model } from 'essencia';",
      "@Model({ database: 'd' }) class Note extends BaseModel { @Field() text!: string; }",
      '```',
      '<!-- doc-test: continues -->',
      '<!-- doc-test: prelude declare const text: string; -->',
      '```ts',
      'await Note.create({ text });',
      '```',
      '<!-- doc-test: skip shows a shape, not code -->',
      '```ts',
      'this is not TypeScript',
      '```',
    ].join('\n');
    assert.deepEqual(typeCheckBlocks(root, markdownBlocks('ok.md', md)), []);
    const withoutPrelude = md.replace('<!-- doc-test: prelude declare const text: string; -->\n', '');
    assert.match(typeCheckBlocks(root, markdownBlocks('p.md', withoutPrelude))[0]!.message, /'text'/);
    assert.throws(() => typeCheckBlocks(root, markdownBlocks('s.md', '<!-- doc-test: skip -->\n```ts\nx\n```\n')), /needs a reason/);
  });

  it('essencia and each subpath of package.json "exports" map to the source their types are built from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'essencia-paths-'));
    try {
      mkdirSync(join(dir, 'lib', 'nestjs'), { recursive: true });
      writeFileSync(join(dir, 'lib', 'index.ts'), '');
      writeFileSync(join(dir, 'lib', 'nestjs', 'index.ts'), '');
      const exportsOf = (extra: object): void => writeFileSync(join(dir, 'package.json'), JSON.stringify({
        name: 'essencia',
        exports: { '.': { types: './dist/index.d.ts', require: './dist/index.js' }, './package.json': './package.json', ...extra },
      }));
      exportsOf({ './nestjs': { import: { types: './dist/nestjs/index.d.ts', default: './dist/nestjs/index.mjs' } } });
      assert.deepEqual(essenciaPaths(dir), { essencia: [join(dir, 'lib', 'index.ts')], 'essencia/nestjs': [join(dir, 'lib', 'nestjs', 'index.ts')] });
      exportsOf({ './testing': { types: './dist/testing/index.d.ts' } });
      assert.throws(() => essenciaPaths(dir), /exports\['\.\/testing'\] names \.\/dist\/testing\/index\.d\.ts, but lib\/testing\/index\.ts does not exist/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
