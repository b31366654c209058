let printed = false;

/**
 * Says on stderr, once, that the embedded database is starting when a start takes more than `afterMs`, so a
 * newcomer knows why the program waits. Returns the function that cancels it when the start is over.
 */
export function startNotice(url: string, cold: boolean, afterMs = 1_500): () => void {
  if (printed) return () => undefined;
  const timer = setTimeout(() => {
    printed = true;
    const why = cold
      ? 'the first start on this machine runs initdb and takes several seconds; later starts reuse a prepared data directory'
      : 'loading its prepared data directory';
    process.stderr.write(`essencia: starting the embedded PostgreSQL (PGlite) for ${url}: ${why}\n`);
  }, afterMs);
  timer.unref();
  return () => clearTimeout(timer);
}
