import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';
import type { MarkdownBlock } from './markdown-blocks';

/**
 * How the TypeScript examples of the documentation are type-checked (spec/unit/doc-examples.test.ts).
 *
 * Each ```ts block is an ES module of its own, checked with the project's compiler options (strict, decorators
 * with metadata) against the project's own sources: `essencia` and every subpath of package.json "exports"
 * map to the source of what they export, by one rule (see {@link essenciaPaths}). Top-level `await` is allowed
 * in these fragments; the first README example, which must run as pasted in a CommonJS app, is compiled and run
 * for real by spec/unit/first-example.test.ts.
 *
 * Directives, as HTML comments on the lines just above a block (invisible once rendered):
 * - `<!-- doc-test: continues -->`: the block continues the nearest block above it in the same file that does
 *   not itself continue one (a tour that uses the model defined there); that block's code is prepended.
 * - `<!-- doc-test: prelude <TypeScript> -->`: declarations prepended to the block, for the values a fragment
 *   takes as given (`declare const patientId: string;`). Keep them to declarations.
 * - `<!-- doc-test: skip <reason> -->`: not compiled; the reason is required. Keep these rare.
 */
export interface DocProblem {
  /** `README.md:42`, where the block's code line is (or the block's first line for a prelude/chain line). */
  readonly where: string;
  readonly message: string;
}

/** The `types` file of an exports entry: a string target, or the first `types` condition, however nested. */
function typesOf(target: unknown): string | undefined {
  if (typeof target === 'string') return target.endsWith('.d.ts') ? target : undefined;
  if (target === null || typeof target !== 'object') return undefined;
  const conditions = target as Record<string, unknown>;
  if (typeof conditions.types === 'string') return conditions.types;
  for (const value of Object.values(conditions)) {
    const found = typesOf(value);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The module paths that resolve `essencia` and `essencia/<sub>` to the project's sources. The rule: every key of
 * package.json "exports" other than `./package.json` is a subpath; its `types` file (the first `types` condition,
 * at any depth), `dist/<p>.d.ts`, is built from `lib/<p>.ts`. So `essencia` → lib/index.ts and, once a branch
 * adds `"./nestjs": { "types": "./dist/nestjs/index.d.ts", ... }`, `essencia/nestjs` → lib/nestjs/index.ts.
 * Subpaths that are not exported are absent from the table, so an example that imports one fails to compile,
 * as it would for a user.
 */
export function essenciaPaths(root: string): Record<string, string[]> {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; exports: Record<string, unknown> };
  const paths: Record<string, string[]> = {};
  for (const [key, target] of Object.entries(pkg.exports)) {
    if (key === './package.json') continue;
    const types = typesOf(target);
    if (types === undefined || !/^\.\/dist\/.+\.d\.ts$/.test(types)) throw new Error(`package.json exports['${key}'] has no ./dist/*.d.ts types entry`);
    const source = join(root, types.replace(/^\.\/dist\//, 'lib/').replace(/\.d\.ts$/, '.ts'));
    if (!existsSync(source)) throw new Error(`package.json exports['${key}'] names ${types}, but ${relative(root, source)} does not exist`);
    paths[key === '.' ? pkg.name : `${pkg.name}/${key.slice(2)}`] = [source];
  }
  return paths;
}

interface Segment {
  readonly text: string;
  /** Markdown line of the segment's first line, or undefined when its lines are reported as the block's. */
  readonly firstLine: number | undefined;
  readonly label: string;
}

function segmentsOf(block: MarkdownBlock, all: readonly MarkdownBlock[]): Segment[] {
  const segments: Segment[] = [];
  const where = `${block.file}:${block.line}`;
  if (block.directives.has('continues')) {
    const before = all.filter((b) => b.file === block.file && b.line < block.line && b.lang === 'ts' && !b.directives.has('continues'));
    const base = before[before.length - 1];
    if (!base) throw new Error(`${where}: 'doc-test: continues' but no block above it to continue`);
    segments.push({ text: base.code, firstLine: base.line, label: `${base.file}:${base.line}` });
  }
  const prelude = block.directives.get('prelude');
  if (prelude !== undefined) segments.push({ text: prelude, firstLine: undefined, label: `the prelude of ${where}` });
  segments.push({ text: block.code, firstLine: block.line, label: where });
  return segments;
}

/** The blocks that are checked: ```ts ones without a `skip` directive. Throws on a skip without a reason. */
export function checkedBlocks(blocks: readonly MarkdownBlock[]): MarkdownBlock[] {
  return blocks.filter((b) => {
    if (b.lang !== 'ts') return false;
    const reason = b.directives.get('skip');
    if (reason === undefined) return true;
    if (reason.length < 10) throw new Error(`${b.file}:${b.line}: 'doc-test: skip' needs a reason`);
    return false;
  });
}

/**
 * Type-checks every ```ts block (see the module comment for the directives) in one program over the project's
 * sources, and returns the problems: empty when every example compiles.
 *
 * @example
 * assert.deepEqual(typeCheckBlocks(root, markdownBlocks('README.md')), []);
 */
export function typeCheckBlocks(root: string, blocks: readonly MarkdownBlock[]): DocProblem[] {
  const project = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (!project) throw new Error('cannot read tsconfig.json');
  const options: ts.CompilerOptions = {
    ...project.options,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    noEmit: true,
    declaration: false,
    sourceMap: false,
    outDir: undefined,
    rootDir: undefined,
    paths: essenciaPaths(root),
  };
  const virtual = new Map<string, { segments: Segment[]; text: string }>();
  for (const block of checkedBlocks(blocks)) {
    const segments = segmentsOf(block, blocks);
    const name = join(root, 'doc-examples', `${block.file.replace(/[^A-Za-z0-9]+/g, '-')}-${block.line}.ts`);
    virtual.set(name, { segments, text: `${segments.map((s) => s.text).join('\n')}\nexport {};\n` });
  }
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, onError, fresh) => {
    const v = virtual.get(name);
    return v ? ts.createSourceFile(name, v.text, version) : getSourceFile(name, version, onError, fresh);
  };
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => virtual.has(name) || fileExists(name);
  const program = ts.createProgram([...virtual.keys()], options, host);
  const problems: DocProblem[] = [];
  for (const [name, v] of virtual) {
    const source = program.getSourceFile(name)!;
    for (const d of [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]) {
      let line = source.getLineAndCharacterOfPosition(d.start ?? 0).line;
      let where = v.segments[v.segments.length - 1]!.label;
      for (const s of v.segments) {
        const count = s.text.split('\n').length;
        if (line < count) {
          where = s.firstLine === undefined ? s.label : `${s.label.replace(/:\d+$/, '')}:${s.firstLine + line}`;
          break;
        }
        line -= count;
      }
      problems.push({ where, message: `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}` });
    }
  }
  return problems;
}
