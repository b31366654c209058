import type { TransactionHandle } from '../drivers/driver';
import type { ModelMeta } from '../metadata/types';

/** What a transaction wrote: rows by id per model, or `undefined` for a model written by an open-ended filter. */
export class PendingInvalidations {
  readonly #models = new Map<ModelMeta, Set<string> | undefined>();

  add(meta: ModelMeta, ids: readonly string[] | undefined): void {
    if (this.#models.has(meta) && this.#models.get(meta) === undefined) return;
    if (ids === undefined) {
      this.#models.set(meta, undefined);
      return;
    }
    let set = this.#models.get(meta);
    if (!set) this.#models.set(meta, (set = new Set()));
    for (const id of ids) set.add(id);
  }

  entries(): Array<[ModelMeta, readonly string[] | undefined]> {
    return [...this.#models].map(([meta, ids]) => [meta, ids && [...ids]]);
  }
}

const isKey = (handle: TransactionHandle): handle is object =>
  (typeof handle === 'object' || typeof handle === 'function') && handle !== null;

/**
 * The writes of each open transaction, by handle; a savepoint's handle shares its root's list (a savepoint that
 * rolls back leaves its writes listed: invalidating a row that did not change is harmless).
 */
export class TransactionWrites {
  readonly #byHandle = new WeakMap<object, PendingInvalidations>();

  bind(handle: TransactionHandle, list: PendingInvalidations): void {
    if (isKey(handle)) this.#byHandle.set(handle, list);
  }

  of(handle: TransactionHandle): PendingInvalidations | undefined {
    return isKey(handle) ? this.#byHandle.get(handle) : undefined;
  }
}
