import { ConnectionError } from '../errors';

/**
 * The work running on one database, so that `close()` can wait for it. While closing, new work is refused with a
 * ConnectionError; work inside a transaction that was already running is not new and goes on.
 *
 * A caller counts its work with `enter()` / `leave()` in the one promise it derives from the work anyway (to
 * convert its errors): a promise more only to count would be costly while async hooks are on.
 */
export class InFlight {
  #running = 0;
  #closing = false;
  #idle: (() => void) | undefined;

  constructor(private readonly database: string) {}

  /** Counts one unit of work in; while the database closes, returns the error to refuse it with instead. */
  enter(): ConnectionError | undefined {
    if (this.#closing) {
      return new ConnectionError(`database '${this.database}' is shutting down (close() or closeAll() was called): it takes no new work`);
    }
    this.#running++;
    return undefined;
  }

  /** Counts one unit of work out, once it has settled. */
  leave(): void {
    if (--this.#running === 0) this.#idle?.();
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
