/**
 * The cursors open in one transaction scope whose reads hold the scope's connection (a postgres.js cursor, a mysql2
 * result stream): RELEASE, COMMIT or ROLLBACK would wait behind one until it was read to the end, so the scope
 * closes those it left open when its callback settles, and a read of one after that is refused.
 */
export class ScopeCursors {
  #open: Set<AsyncGenerator<unknown>> | undefined;

  /** `batches`, closed with the scope if still open then; `assertOpen` refuses each batch after the scope ended. */
  async *track<T>(batches: AsyncGenerator<T>, assertOpen: () => void): AsyncGenerator<T> {
    const open = (this.#open ??= new Set());
    open.add(batches);
    try {
      for await (const batch of batches) {
        yield batch;
        assertOpen();
      }
    } finally {
      open.delete(batches);
    }
  }

  /**
   * Closes the cursors still open, each freeing the connection (after the read it may be waiting for); undefined
   * when none is (no promise for a scope that opened none). Never rejects.
   */
  close(): Promise<void> | undefined {
    const open = this.#open;
    if (!open?.size) return undefined;
    const closing = [...open];
    open.clear();
    return (async () => {
      for (const batches of closing) await batches.return(undefined).catch(() => undefined);
    })();
  }
}
