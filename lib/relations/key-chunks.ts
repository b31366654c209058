/**
 * How many keys one `$in` query carries at most: well under PostgreSQL's 65,535 bind parameters and MongoDB's
 * 16 MB command size, so a populate over any number of parents stays within every backend's limits.
 */
export const KEYS_PER_QUERY = 10_000;

/** The distinct non-null keys, in first-seen order. */
export function distinctKeys(values: Iterable<unknown>): unknown[] {
  const seen = new Set<unknown>();
  for (const value of values) if (value !== null && value !== undefined) seen.add(value);
  return [...seen];
}

/** `keys` cut into lists of at most `size`. */
export function chunks<T>(keys: readonly T[], size: number = KEYS_PER_QUERY): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < keys.length; i += size) out.push(keys.slice(i, i + size));
  return out;
}
