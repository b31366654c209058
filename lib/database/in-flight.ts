import { ConnectionError } from '../errors';

/**
 * The work running on one database, so that `close()` can wait for it. While closing, new work is refused with a
 * ConnectionError; work inside a transaction that was already running is not new and goes on.
 */
export class InFlight {
  readonly #running = new Set<Promise<unknown>>();
  #closing = false;

  constructor(private readonly database: string) {}

  /** Runs `work`, counted until it settles; refused while the database closes. */
  run<R>(work: () => Promise<R>): Promise<R> {
    if (this.#closing) {
      return Promise.reject(
        new ConnectionError(`database '${this.database}' is shutting down (close() or closeAll() was called): it takes no new work`),
      );
    }
    const running = work();
    const settled = running.then(
      () => undefined,
      () => undefined,
    );
    this.#running.add(settled);
    void settled.then(() => this.#running.delete(settled));
    return running;
  }

  /** Refuses new work, then waits for the running work to settle, or `timeoutMs`, whichever comes first. */
  async drain(timeoutMs: number): Promise<void> {
    this.#closing = true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.all(this.#running), deadline]);
    clearTimeout(timer);
  }

  /** Takes work again (a closed database can be connected again). */
  reopen(): void {
    this.#closing = false;
  }
}
