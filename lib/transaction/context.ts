import { AsyncLocalStorage } from 'node:async_hooks';
import type { TransactionHandle } from '../drivers/driver';

const storage = new AsyncLocalStorage<ReadonlyMap<string, TransactionHandle>>();

/** The transaction open on `database` in the current async context, if any. */
export function currentTransaction(database: string): TransactionHandle | undefined {
  return storage.getStore()?.get(database);
}

/** Runs `fn` with `handle` as the ambient transaction of `database`; other databases keep theirs. */
export function runInTransaction<R>(database: string, handle: TransactionHandle, fn: () => Promise<R>): Promise<R> {
  const outer = storage.getStore();
  const next = outer ? new Map(outer) : new Map<string, TransactionHandle>();
  next.set(database, handle);
  return storage.run(next, fn);
}
