import { spawn, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A throwaway folder where essencia is installed as a user gets it: `node_modules/essencia` is a real directory
 * with package.json and a fresh build (scripts/build.mjs into it, so the repository's own dist/ is not touched),
 * and essencia's dependencies beside it (links to the repository's node_modules). Apps live in subfolders and
 * resolve `essencia` by name, through its package.json "exports".
 */
export interface Installation {
  readonly dir: string;
  /** Creates `<dir>/<name>` with package.json, tsconfig.json and src/index.ts; returns its path. */
  app(name: string, files: { readonly type: 'commonjs' | 'module'; readonly tsconfig: string; readonly source: string }): string;
}

/**
 * Builds essencia into a new installation folder (takes a few seconds: one tsc run).
 *
 * @example
 * const install = installEssencia(root); const app = install.app('cjs', { type: 'commonjs', tsconfig, source });
 */
export function installEssencia(root: string): Installation {
  const dir = mkdtempSync(join(tmpdir(), 'essencia-app-'));
  try {
    return install(root, dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function install(root: string, dir: string): Installation {
  const pkgDir = join(dir, 'node_modules', 'essencia');
  mkdirSync(pkgDir, { recursive: true });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;
  copyFileSync(join(root, 'package.json'), join(pkgDir, 'package.json'));
  const deps = new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}), '@types/node']);
  deps.delete('typescript'); // apps are compiled by the tsc the test names, never one found in node_modules
  for (const dep of deps) {
    const target = join(root, 'node_modules', dep);
    if (!existsSync(target)) continue;
    mkdirSync(dirname(join(dir, 'node_modules', dep)), { recursive: true });
    symlinkSync(target, join(dir, 'node_modules', dep), 'dir');
  }
  // After the links: the build loads what it built to list the ESM entry's exports.
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), join(pkgDir, 'dist')], { cwd: root, stdio: 'pipe' });
  return {
    dir,
    app(name, files) {
      const app = join(dir, name);
      mkdirSync(join(app, 'src'), { recursive: true });
      writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name, private: true, type: files.type }, null, 2)}\n`);
      writeFileSync(join(app, 'tsconfig.json'), files.tsconfig);
      writeFileSync(join(app, 'src', 'index.ts'), files.source);
      return app;
    },
  };
}

/** What a process did. */
export interface RunResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

/**
 * Runs a command to its end, or kills it after `timeoutMs` (then `signal` is SIGKILL): a program that never
 * exits by itself is a failure the caller can see, not a hung test.
 */
export function runToEnd(cmd: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}
