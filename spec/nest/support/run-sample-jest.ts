import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root: the nearest folder above this file whose package.json is essencia's (compiled or not). */
function findRepoRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'essencia') return dir;
  }
  throw new Error(`no essencia package.json above ${from}`);
}

export const repoRoot = findRepoRoot(__dirname);

export interface JestRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

/**
 * Runs the e2e tests of samples/nest-clinic with their own jest config, as CI does, and waits for jest to exit
 * by itself: no --forceExit, so a database left open would keep it running until the timeout kills it.
 * `env` replaces DATABASE_URL / MONGODB_URL (undefined: the embedded default).
 */
export function runSampleJest(env: { DATABASE_URL?: string; MONGODB_URL?: string }, timeoutMs: number): JestRun {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, CI: 'true' };
  for (const name of ['DATABASE_URL', 'MONGODB_URL', 'JEST_WORKER_ID', 'NODE_OPTIONS']) delete childEnv[name];
  Object.assign(childEnv, Object.fromEntries(Object.entries(env).filter(([, v]) => v)));
  const jest = join(repoRoot, 'node_modules', 'jest', 'bin', 'jest.js');
  const r = spawnSync(process.execPath, [jest, '-c', join(repoRoot, 'samples', 'nest-clinic', 'jest.config.js'), '--ci'], {
    cwd: repoRoot,
    env: childEnv,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
  });
  return { status: r.status, signal: r.signal, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}
