/**
 * What the transaction handles of the SQL clients share (MySQL, PGlite, SQLite): a transaction, or a savepoint scope
 * inside one, takes statements until its callback, or that of a scope around it, has settled; savepoint names are
 * unique in the transaction.
 */
export abstract class SqlScope<S extends SqlScope<S>> {
  #ended = false;
  #savepoints = 0;

  protected constructor(protected readonly outer: S | undefined) {}

  /** Whether statements are taken: neither this scope nor one around it has ended. */
  get open(): boolean {
    return !this.#ended && (this.outer === undefined || this.outer.open);
  }

  /** Whether this scope's own callback has settled. */
  protected get ended(): boolean {
    return this.#ended;
  }

  /** Called when this scope's callback settled, before its COMMIT, RELEASE or ROLLBACK: later statements are refused. */
  end(): Promise<void> | undefined {
    this.#ended = true;
    return undefined;
  }

  /** The name of the next savepoint of the transaction this scope belongs to. */
  protected nextSavepoint(): string {
    return this.outer ? this.outer.nextSavepoint() : `essencia_sp_${++this.#savepoints}`;
  }
}
