import type { ClientSession, Collection, Document } from 'mongodb';
import { TransactionError } from '../../errors';
import { redact } from './mongo-errors';
import { MONGO_ID } from './mongo-values';

/**
 * How many documents one updateMany / deleteMany inside a nested transaction may change and still be undone: their
 * before-images are held in memory. Past it the nested scope cannot be undone; if it then throws, the whole
 * transaction fails with a TransactionError instead of committing half of it.
 */
export const MAX_UNDO_DOCUMENTS = 1000;

/** One step that undoes one write: delete what was inserted, or put back a document as it was. */
type UndoStep =
  | { readonly kind: 'delete'; readonly collection: Collection; readonly id: unknown }
  | { readonly kind: 'putBack'; readonly collection: Collection; readonly before: Document };

/**
 * The before-images of the writes of one nested transaction on MongoDB, which has no savepoints: enough to undo
 * them inside the same session transaction when the nested scope throws. Only nested scopes keep one.
 */
export class UndoLog {
  readonly #steps: UndoStep[] = [];
  /** Why these writes cannot be undone, once one of them could not be recorded. */
  unrecoverable: string | undefined;

  inserted(collection: Collection, ids: readonly unknown[]): void {
    for (const id of ids) this.#steps.push({ kind: 'delete', collection, id });
  }

  /** Records the documents a write is about to change or delete (read in the same session, so their current state). */
  async changing(collection: Collection, filter: Document, session: ClientSession, what: string): Promise<void> {
    if (this.unrecoverable) return;
    const before = await collection.find(filter, { session, limit: MAX_UNDO_DOCUMENTS + 1 }).toArray();
    if (before.length > MAX_UNDO_DOCUMENTS) {
      this.unrecoverable = `${what} changed more than ${MAX_UNDO_DOCUMENTS} documents`;
      return;
    }
    for (const doc of before) this.#steps.push({ kind: 'putBack', collection, before: doc });
  }

  /** Keeps the steps of a nested scope that succeeded, so that this (outer nested) scope undoes them too. */
  adopt(inner: UndoLog): void {
    this.#steps.push(...inner.#steps);
    this.unrecoverable ??= inner.unrecoverable;
  }

  /** Undoes every recorded write, newest first, in the session's transaction. */
  async undo(session: ClientSession): Promise<void> {
    if (this.unrecoverable) throw new Error(this.unrecoverable);
    for (const step of this.#steps.reverse()) {
      if (step.kind === 'delete') await step.collection.deleteOne({ [MONGO_ID]: step.id } as Document, { session });
      else await step.collection.replaceOne({ [MONGO_ID]: step.before[MONGO_ID] }, step.before, { session, upsert: true });
    }
    this.#steps.length = 0;
  }
}

/** The TransactionError that fails a whole transaction whose nested scope threw and could not be undone. */
export function undoFailed(reason: unknown, cause: unknown): TransactionError {
  const why = reason instanceof Error ? redact(reason.message) : String(reason);
  return new TransactionError(
    `MongoDB: a nested transaction threw and its writes could not be undone (${why}); the whole transaction is rolled back instead`,
    { cause },
  );
}
