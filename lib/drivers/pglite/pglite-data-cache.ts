import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Where a fresh PGlite data directory (a tar of it right after initdb) is kept, so that later in-memory starts
 * load it instead of running initdb again: `node_modules/.cache/essencia/` of the node_modules that holds
 * PGlite, or the OS temp directory, or `ESSENCIA_CACHE_DIR` when set (e.g. a directory CI keeps between runs).
 * Keyed by PGlite's version; safe to delete at any time.
 */
export function dataDirCacheFile(modulePath: string): string {
  const nodeModules = modulePath.match(/^(.*[\\/]node_modules)[\\/]/)?.[1];
  const dir = process.env.ESSENCIA_CACHE_DIR || (nodeModules ? join(nodeModules, '.cache', 'essencia') : join(tmpdir(), 'essencia-cache'));
  return join(dir, `pglite-${pgliteVersion(modulePath)}-datadir.tar`);
}

function pgliteVersion(modulePath: string): string {
  let dir = dirname(modulePath);
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@electric-sql/pglite' && pkg.version) return pkg.version;
    } catch {
      // not this directory: look one level up
    }
  }
  return 'unknown';
}

/** The cached data directory, or undefined when there is none (or it cannot be read). */
export function readDataDirCache(file: string): Uint8Array | undefined {
  try {
    return new Uint8Array(readFileSync(file));
  } catch {
    return undefined;
  }
}

/** Stores a data directory; written aside then renamed, so parallel test workers never read half a file. Best effort. */
export function writeDataDirCache(file: string, tar: Uint8Array): void {
  const partial = `${file}.${process.pid}.${Date.now()}.partial`;
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(partial, tar);
    renameSync(partial, file);
  } catch {
    rmSync(partial, { force: true });
  }
}

/** Forgets a cached data directory PGlite could not start from. */
export function dropDataDirCache(file: string): void {
  rmSync(file, { force: true });
}
