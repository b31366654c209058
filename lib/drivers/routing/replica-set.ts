import type { Driver } from '../driver';

/** How one replica is doing, as of the last check. */
export interface ReplicaStatus {
  /** Where it is (host:port), never credentials. */
  readonly where: string;
  /** Answered the last check and is not lagging beyond the bound. */
  readonly usable: boolean;
  /** Replication lag seen at the last check (undefined: unknown or never checked). */
  readonly lagMs?: number;
  /** Why it is skipped, when it is. */
  readonly reason?: string;
}

interface Replica {
  readonly driver: Driver;
  readonly where: string;
  usable: boolean;
  lagMs?: number;
  reason?: string;
}

export interface ReplicaSetOptions {
  /** A replica further behind than this is skipped until it catches up. */
  readonly maxLagMs: number;
  /** How often every replica is checked (lag and reachability); reads never wait for a check. */
  readonly checkIntervalMs: number;
}

/**
 * The replicas of one database and their health. A periodic check (not one per read) measures each replica's lag
 * and marks it usable or not; reads take usable ones in turn. A replica whose read fails to connect is marked down at
 * once and comes back at the next check that reaches it.
 */
export class ReplicaSet {
  readonly #replicas: Replica[];
  #next = 0;
  #timer: NodeJS.Timeout | undefined;
  #checking: Promise<void> | undefined;

  constructor(
    replicas: ReadonlyArray<{ driver: Driver; where: string }>,
    private readonly options: ReplicaSetOptions,
  ) {
    this.#replicas = replicas.map((r) => ({ ...r, usable: false, reason: 'not checked yet' }));
  }

  /** Checks every replica once, then keeps checking in the background. Never throws: a replica that is down is skipped. */
  async start(): Promise<void> {
    await this.check();
    if (!this.#timer) {
      this.#timer = setInterval(() => void this.check(), this.options.checkIntervalMs);
      this.#timer.unref();
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#checking;
    await Promise.all(this.#replicas.map((r) => r.driver.close().catch(() => undefined)));
  }

  /** The next usable replica, in turn; undefined when none is. */
  pick(): Driver | undefined {
    for (let i = 0; i < this.#replicas.length; i++) {
      const replica = this.#replicas[(this.#next + i) % this.#replicas.length]!;
      if (replica.usable) {
        this.#next = (this.#next + i + 1) % this.#replicas.length;
        return replica.driver;
      }
    }
    return undefined;
  }

  /** Takes a replica out of rotation until the next check finds it well. */
  markDown(driver: Driver, reason: string): void {
    const replica = this.#replicas.find((r) => r.driver === driver);
    if (replica) Object.assign(replica, { usable: false, reason });
  }

  status(): ReplicaStatus[] {
    return this.#replicas.map(({ where, usable, lagMs, reason }) => ({ where, usable, lagMs, reason: usable ? undefined : reason }));
  }

  /** One check of every replica (concurrent calls share it). */
  check(): Promise<void> {
    this.#checking ??= Promise.all(this.#replicas.map((r) => this.#checkOne(r))).then(() => {
      this.#checking = undefined;
    });
    return this.#checking;
  }

  async #checkOne(replica: Replica): Promise<void> {
    try {
      await replica.driver.connect();
      const lag = replica.driver.replicationLagMs ? await replica.driver.replicationLagMs() : (await replica.driver.ping(), undefined);
      replica.lagMs = lag;
      const lagging = lag !== undefined && lag > this.options.maxLagMs;
      replica.usable = !lagging;
      replica.reason = lagging ? `lagging ${Math.round(lag)} ms behind the primary (bound: ${this.options.maxLagMs} ms)` : undefined;
    } catch (error) {
      replica.usable = false;
      replica.lagMs = undefined;
      replica.reason = `unreachable (${(error as Error)?.message ?? String(error)})`;
    }
  }
}
