import { ConnectionError } from '../errors';

/**
 * The work running on one database, so that `close()` can wait for it. While closing, new work is refused with a
 * ConnectionError; work inside a transaction that was already running is not new and goes on.
 *
 * A caller that derives a promise from the work anyway (to convert its errors) counts it with `enter()` / `leave()`
 * in that one derivation; `run()` is for the others.
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

  /** Runs `work`, counted until it settles (one derived promise); refused while the database closes. */
  run<R>(work: () => Promise<R>): Promise<R> {
    const refused = this.enter();
    if (refused) return Promise.reject(refused);
    let running: Promise<R>;
    try {
      running = work();
    } catch (error) {
      running = Promise.reject(error);
    }
    return running.then(
      (value) => {
        this.leave();
        return value;
      },
      (error: unknown) => {
        this.leave();
        throw error;
      },
    );
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
