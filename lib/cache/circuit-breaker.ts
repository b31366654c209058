/**
 * Stops asking a server that failed: after a failure it is `open` (nothing is sent) until `probe` succeeds; probes
 * run every `retryAfterMs` on an unref'd timer, so a server that comes back is noticed without any read waiting for it.
 */
export class CircuitBreaker {
  #open = true;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  #attempting: Promise<void> | undefined;

  constructor(
    private readonly retryAfterMs: number,
    /** Resolves when the server answers again (and whatever recovery it needs is done); rejects otherwise. */
    private readonly probe: () => Promise<void>,
  ) {}

  /** Whether requests may be sent now. */
  get isClosed(): boolean {
    return !this.#open;
  }

  /** A request failed: stop sending and start probing. */
  trip(): void {
    if (this.#closed) return;
    this.#open = true;
    this.#schedule();
  }

  /** Tries now (at start, or when the client reports it is connected again); resolves when that attempt is over. */
  tryNow(): Promise<void> {
    if (this.#closed || !this.#open) return Promise.resolve();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    return this.#attempt();
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#attempt();
    }, this.retryAfterMs);
    this.#timer.unref();
  }

  #attempt(): Promise<void> {
    this.#attempting ??= this.probe()
      .then(
        () => {
          if (!this.#closed) this.#open = false;
        },
        () => this.#schedule(),
      )
      .finally(() => {
        this.#attempting = undefined;
      });
    return this.#attempting;
  }

  /** No more probes. */
  close(): void {
    this.#closed = true;
    this.#open = true;
    clearTimeout(this.#timer);
  }
}
