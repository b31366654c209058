import { ConfigError, TransactionError } from '../errors';

/** Options of `db.transaction(fn, options)`. */
export interface TransactionOptions {
  /**
   * How many times to run the whole callback again when the server aborts it over a conflict with another
   * transaction (a `TransactionError` with `retryable: true`: serialization failure, deadlock, lock timeout,
   * MongoDB's TransientTransactionError). Default 0. Ignored for a nested call (a savepoint cannot be rerun alone).
   */
  retries?: number;
}

/** The number of retries in `options`, checked. */
export function retriesOf(options: TransactionOptions | undefined): number {
  const retries = options?.retries ?? 0;
  if (!Number.isInteger(retries) || retries < 0) throw new ConfigError('transaction(fn, { retries }): retries must be an integer >= 0');
  return retries;
}

/** Whether an error is worth running the whole transaction again for. */
export const isRetryable = (error: unknown): boolean => error instanceof TransactionError && error.retryable;

/** A short, growing, jittered pause before a retry, so that two conflicting transactions do not collide again at once. */
export function retryPause(attempt: number): Promise<void> {
  const ms = Math.min(5 * 2 ** attempt, 200) * (0.5 + Math.random() / 2);
  return new Promise((resolve) => setTimeout(resolve, ms));
}
