import { ConnectionError } from '../errors';

/**
 * The work running on one database, so that `close()` can wait for it. While closing, new work is refused with a
 * ConnectionError; work inside a transaction that was already running is not new and goes on.
 */
export class InFlight {
  #running = 0;
  #closing = false;
  #idle: (() => void) | undefined;
  readonly #settled = (): void => {
    if (--this.#running === 0) this.#idle?.();
  };

  constructor(private readonly database: string) {}

  /** Runs `work`, counted until it settles; refused while the database closes. */
  run<R>(work: () => Promise<R>): Promise<R> {
    if (this.#closing) {
      return Promise.reject(
        new ConnectionError(`database '${this.database}' is shutting down (close() or closeAll() was called): it takes no new work`),
      );
    }
    this.#running++;
    const running = work();
    running.then(this.#settled, this.#settled);
    return running;
  }

  /** Refuses new work, then waits for the running work to settle, or `timeoutMs`, whichever comes first. */
  async drain(timeoutMs: number): Promise<void> {
    this.#closing = true;
    if (this.#running === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await new Promise<void>((resolve) => {
      this.#idle = resolve;
      timer = setTimeout(resolve, timeoutMs);
    });
    clearTimeout(timer);
    this.#idle = undefined;
  }

  /** Takes work again (a closed database can be connected again). */
  reopen(): void {
    this.#closing = false;
  }
}
