import { ConfigError } from '../../errors';
import { optionalRequire } from '../../util/optional-require';
import { dataDirCacheFile, dropDataDirCache, readDataDirCache, writeDataDirCache } from './pglite-data-cache';
import { canImportHere, startInThread } from './pglite-in-thread';
import type { PgliteHandle, PgliteStartOptions } from './pglite-protocol';
import { startNotice } from './pglite-start-notice';
import { PgliteWorkerProxy } from './pglite-worker-proxy';

/**
 * Where PGlite runs: `auto` (the default) in this thread, or in a worker thread where this thread cannot load
 * it (a test runner's VM); `main` or `worker` to force one.
 */
export type PgliteThread = 'auto' | 'main' | 'worker';

const THREADS: readonly PgliteThread[] = ['auto', 'main', 'worker'];

/** The `thread` option, checked; from the driver options or the URL (`pglite://memory?thread=worker`). */
export function pgliteThread(url: string, option: unknown): PgliteThread {
  const value = option ?? new URLSearchParams(url.split('?')[1] ?? '').get('thread') ?? 'auto';
  if (!THREADS.includes(value as PgliteThread)) {
    throw new ConfigError(`pglite: option 'thread' must be one of ${THREADS.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as PgliteThread;
}

/** `pglite://memory` (in memory) or `pglite://<dir>` (data kept in that directory); a `?query` is options. */
export function dataDirOf(url: string): string | undefined {
  const rest = url.replace(/^pglite:\/\//i, '').split('?')[0]!;
  return rest === '' || rest === 'memory' ? undefined : rest;
}

async function startOn(thread: PgliteThread, options: PgliteStartOptions): Promise<PgliteHandle> {
  const inWorker = thread === 'worker' || (thread === 'auto' && !(await canImportHere()));
  return inWorker ? PgliteWorkerProxy.start(options) : startInThread(options);
}

/**
 * Starts PGlite for a `pglite://` URL. An in-memory database starts from the cached data directory of a fresh
 * instance when there is one (about 3x less CPU than initdb); the first start on a machine writes that cache.
 */
export async function startPglite(url: string, thread: PgliteThread): Promise<PgliteHandle> {
  optionalRequire('@electric-sql/pglite', 'The pglite driver');
  const modulePath = require.resolve('@electric-sql/pglite');
  const dataDir = dataDirOf(url);
  const cacheFile = dataDir === undefined ? dataDirCacheFile(modulePath) : undefined;
  let cached = cacheFile ? readDataDirCache(cacheFile) : undefined;
  const done = startNotice(url, cacheFile === undefined ? 'directory' : cached ? 'cached' : 'initdb');
  try {
    let db: PgliteHandle;
    try {
      db = await startOn(thread, { modulePath, dataDir, loadDataDir: cached });
    } catch (error) {
      if (!cached) throw error;
      dropDataDirCache(cacheFile!);
      cached = undefined;
      db = await startOn(thread, { modulePath, dataDir, loadDataDir: undefined });
    }
    if (cacheFile && !cached) writeDataDirCache(cacheFile, await db.dumpDataDir());
    return db;
  } finally {
    done();
  }
}
