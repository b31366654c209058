import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Later starts timed after the first one. */
const LATER_STARTS = 5;

export interface StartFigures {
  /** Wall-clock ms of connect() + sync(). */
  readonly wallMs: number;
  /** CPU ms of this process over connect() + sync() (PGlite runs in this thread, so it is all counted). */
  readonly cpuMs: number;
}

/** One start in a fresh process (bench/pglite-start-child), with the data-directory cache in `cacheDir`. */
function startOnce(cacheDir: string): StartFigures {
  const child = spawnSync(process.execPath, [join(__dirname, 'pglite-start-child.js')], {
    encoding: 'utf8',
    env: { ...process.env, ESSENCIA_CACHE_DIR: cacheDir },
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) throw new Error(`pglite start failed: ${child.stderr}`);
  return JSON.parse(line) as StartFigures;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/**
 * `pglite://memory` connect + sync of three models, each start in a fresh process: the first start on a machine
 * (an empty cache directory: initdb, then the data directory is cached) and later ones (loaded from the cache).
 */
export async function pgliteStartSection(): Promise<string> {
  const cacheDir = mkdtempSync(join(tmpdir(), 'essencia-bench-start-'));
  try {
    const first = startOnce(cacheDir);
    const later = Array.from({ length: LATER_STARTS }, () => startOnce(cacheDir));
    const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    return [
      '== Embedded start: pglite://memory connect() + sync() of 3 models, a fresh process each',
      `first start (no cached data directory: initdb)   wall ${fmt(first.wallMs)}   CPU ${fmt(first.cpuMs)}`,
      `later starts (cached data directory), median of ${LATER_STARTS}   wall ${fmt(median(later.map((f) => f.wallMs)))}   CPU ${fmt(median(later.map((f) => f.cpuMs)))}`,
      'Targets: first < 5 s, later < 2 s (wall, on an idle machine; on a loaded one compare CPU).',
    ].join('\n');
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}
