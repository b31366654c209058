import { performance } from 'node:perf_hooks';

/** Raised for a command that got no answer within the timeout. */
export class CommandTimeout extends Error {}

interface Slot {
  readonly at: number;
  readonly reject: (error: Error) => void;
  settled: boolean;
}

/**
 * Bounds every command by one timeout with a single timer for all of them: a timer per command (armed and
 * cleared around a round trip of tens of microseconds) costs more than the rest of the command's bookkeeping.
 * Commands share the timeout, so they expire in the order they were sent: the timer only ever waits for the
 * oldest one still unanswered.
 */
export class CommandDeadlines {
  #slots: Slot[] = [];
  #timer: NodeJS.Timeout | undefined;

  constructor(private readonly timeoutMs: number) {}

  /** `promise`, or a CommandTimeout once the timeout has passed without it settling. */
  bound<T>(promise: Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const slot: Slot = { at: performance.now() + this.timeoutMs, reject, settled: false };
      this.#slots.push(slot);
      if (this.#timer === undefined) this.#arm(this.timeoutMs);
      promise.then(
        (value) => {
          slot.settled = true;
          resolve(value);
        },
        (error: unknown) => {
          slot.settled = true;
          reject(error);
        },
      );
    });
  }

  #arm(ms: number): void {
    this.#timer = setTimeout(() => this.#sweep(), Math.max(1, Math.ceil(ms)));
  }

  /**
   * Expires the commands past their deadline. The rejection waits one turn of the event loop, so that a reply
   * that arrived while the loop was blocked (a long synchronous task) is read first and wins.
   */
  #sweep(): void {
    const now = performance.now();
    let expired = 0;
    while (expired < this.#slots.length && (this.#slots[expired]!.settled || this.#slots[expired]!.at <= now)) expired++;
    const due = this.#slots.slice(0, expired).filter((s) => !s.settled);
    this.#slots = this.#slots.slice(expired);
    const next = this.#slots.find((s) => !s.settled);
    if (next) this.#arm(next.at - now);
    else {
      this.#slots.length = 0;
      this.#timer = undefined;
    }
    if (due.length === 0) return;
    setImmediate(() => {
      for (const slot of due) if (!slot.settled) slot.reject(new CommandTimeout(`no answer in ${this.timeoutMs} ms`));
    });
  }

  /** Stops the timer (commands still waiting are left to settle by themselves). */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#slots = [];
  }
}
