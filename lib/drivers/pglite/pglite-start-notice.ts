let printed = false;

/** Why a start takes a while: initdb for a new in-memory cache, the cache itself, or a data directory. */
export type StartKind = 'initdb' | 'cached' | 'directory';

const WHY: Record<StartKind, string> = {
  initdb: 'the first start on this machine runs initdb and takes several seconds; later starts reuse a prepared data directory',
  cached: 'loading its prepared data directory',
  directory: 'PGlite takes a few seconds to start (more when it creates the directory)',
};

/**
 * Says on stderr, once, that the embedded database is starting when a start takes more than `afterMs`, so a
 * newcomer knows why the program waits. Returns the function that cancels it when the start is over.
 */
export function startNotice(url: string, kind: StartKind, afterMs = 1_500): () => void {
  if (printed) return () => undefined;
  const timer = setTimeout(() => {
    printed = true;
    const why = WHY[kind];
    process.stderr.write(`essencia: starting the embedded PostgreSQL (PGlite) for ${url}: ${why}\n`);
  }, afterMs);
  timer.unref();
  return () => clearTimeout(timer);
}
