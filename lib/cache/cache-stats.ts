/** What `db.cache.stats()` reports, counted since the database was created. */
export interface CacheStats {
  /** Reads answered by the cache (`localHits` of them by the in-process store). */
  hits: number;
  localHits: number;
  /** Reads the cache was asked and could not answer (they went to the database). */
  misses: number;
  /** Cache commands that failed or timed out (the reads went to the database). */
  errors: number;
  /** Reads of cached models that went to the database without asking: inside a transaction, or while Redis is down. */
  bypasses: number;
  /** `'memory'` (in-process only), `'up'` (Redis answering), or `'down'` (Redis left alone until it answers again). */
  state: 'memory' | 'up' | 'down';
}

export type CacheCounter = 'hits' | 'localHits' | 'misses' | 'errors' | 'bypasses';

/** The counters behind {@link CacheStats}. */
export class CacheCounters {
  readonly counts: Record<CacheCounter, number> = { hits: 0, localHits: 0, misses: 0, errors: 0, bypasses: 0 };

  add(counter: CacheCounter): void {
    this.counts[counter]++;
  }
}
