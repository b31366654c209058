import type { ModelMeta } from '../metadata/types';
import type { CacheCounters } from './cache-stats';
import type { CacheKeys } from './cache-keys';
import { CircuitBreaker } from './circuit-breaker';
import type { LocalStore } from './local-store';
import type { RedisLink } from './redis-link';
import { BUMP, INVALIDATE_ROWS, PUT, READ, type LuaScript } from './redis-scripts';

/** The generations (epoch, model, row) read together with an entry, before the database was asked. */
export type Generations = readonly [epoch: string, model: string, row: string];

/** What one invalidation message says: entries to drop, a model whose entries are all stale, or everything. */
interface Message {
  readonly o: string;
  readonly e?: readonly string[];
  readonly m?: string;
  readonly all?: 1;
}

class Timeout extends Error {}

/**
 * `promise`, or a rejection after `ms`. The rejection waits one turn of the event loop after the timer, so that
 * a reply that arrived while the loop was blocked (a long synchronous task) is read first and wins.
 */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => setImmediate(() => reject(new Timeout(`no answer in ${ms} ms`))), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/**
 * The Redis tier. Every command is bounded by `timeoutMs`; a failure opens the breaker and reads go to the
 * database without asking until a probe answers. Invalidations that could not be sent are owed: the probe that
 * closes the breaker first bumps the epoch, which every entry is checked against, so nothing stored before the
 * outage is trusted after it. Other processes' invalidations arrive by publish/subscribe and evict the
 * in-process copies; while the subscription is down those copies are not used.
 */
export class RedisStore {
  readonly #breaker: CircuitBreaker;
  readonly #origin = Math.random().toString(36).slice(2);
  #subscribed = false;
  /** Failures and unsent invalidations since the epoch was last bumped: the next probe must bump it. */
  #debts = 0;

  constructor(
    private readonly link: RedisLink,
    private readonly keys: CacheKeys,
    private readonly local: LocalStore,
    private readonly counters: CacheCounters,
    private readonly timeoutMs: number,
    retryAfterMs: number,
    /** Whether this process keeps in-process copies; without them it needs no subscription (nor its echo of every write). */
    private readonly keepsCopies: boolean,
  ) {
    this.#breaker = new CircuitBreaker(retryAfterMs, () => this.#probe());
    link.onState((kind, up) => {
      if (kind === 'subscription') {
        if (!up) this.#subscribed = false;
        return;
      }
      if (up) this.#breaker.tryNow();
      else this.#fail();
    });
  }

  /** Connects (bounded by the timeout: a Redis that is down or hangs leaves the breaker open, nothing fails). */
  async start(): Promise<void> {
    const connected = new Promise<void>((resolve) => this.link.onState((kind, up) => kind === 'commands' && up && resolve()));
    // A client still connecting fails the first probe; the one its 'ready' starts is awaited too.
    const ready = [this.#breaker.tryNow().then(() => (this.isUp ? undefined : connected.then(() => this.#breaker.tryNow())))];
    if (this.keepsCopies) ready.push(this.#subscribe());
    await withTimeout(Promise.all(ready), this.timeoutMs * 5).catch(() => undefined);
  }

  #subscribe(): Promise<void> {
    const subscribed = this.link.subscribe(this.keys.channel, (text) => this.#onMessage(text)).then(() => this.#resubscribed());
    this.link.onState((kind, up) => {
      if (kind === 'subscription' && up) subscribed.then(() => this.#resubscribed(), () => undefined);
    });
    return subscribed;
  }

  #resubscribed(): void {
    this.local.clear();
    this.#subscribed = true;
  }

  /** Whether Redis is answering. */
  get isUp(): boolean {
    return this.#breaker.isClosed;
  }

  /** Whether in-process copies may be used: Redis answers and other processes' invalidations reach us. */
  get localUsable(): boolean {
    return this.#breaker.isClosed && this.#subscribed;
  }

  /** Succeeds when Redis answers and, if anything is owed, the epoch was bumped after the last debt. */
  async #probe(): Promise<void> {
    const debts = this.#debts;
    const bump = () => this.#script(BUMP, [this.keys.epoch], [this.keys.channel, this.#message({ all: 1 })]);
    await withTimeout(debts > 0 ? bump() : this.link.command(['PING']), this.timeoutMs);
    // A debt made while the bump was in flight may postdate it: stay open, the next probe bumps again.
    if (this.#debts !== debts) throw new Error('owed again');
    this.#debts = 0;
    this.local.clear();
  }

  #fail(): void {
    this.#debts++;
    this.local.clear();
    this.#breaker.trip();
  }

  async #run<T>(work: () => Promise<T>): Promise<T | undefined> {
    if (!this.#breaker.isClosed) return undefined;
    try {
      return await withTimeout(work(), this.timeoutMs);
    } catch {
      this.counters.add('errors');
      this.#fail();
      return undefined;
    }
  }

  async #script(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    try {
      return await this.link.command(['EVALSHA', script.sha, String(keys.length), ...keys, ...args]);
    } catch (error) {
      if (!String((error as Error)?.message).startsWith('NOSCRIPT')) throw error;
      return this.link.command(['EVAL', script.text, String(keys.length), ...keys, ...args]);
    }
  }

  #message(body: Omit<Message, 'o'>): string {
    return JSON.stringify({ o: this.#origin, ...body });
  }

  #onMessage(text: string): void {
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      return;
    }
    if (message.o === this.#origin) return;
    if (message.all) this.local.clear();
    else if (message.m) this.local.dropModel(message.m);
    else if (Array.isArray(message.e)) this.local.delete(message.e.filter((k) => typeof k === 'string'));
  }

  /** The entry stored under `entry` (sealed), with the generations as they are now; undefined when Redis is down. */
  async read(meta: ModelMeta, id: string, entry: string, ttlMs: number): Promise<{ text: string | null; generations: Generations } | undefined> {
    const reply = await this.#run(() =>
      this.#script(READ, [entry, this.keys.epoch, this.keys.modelGeneration(meta), this.keys.rowGeneration(meta, id)], [String(ttlMs + 60_000)]),
    );
    if (!Array.isArray(reply) || reply.length !== 4) return undefined;
    const [text, ...generations] = reply.map((v) => (v === null || v === undefined ? null : String(v)));
    if (generations.some((g) => g === null)) return undefined;
    return { text: text ?? null, generations: generations as unknown as Generations };
  }

  /** Stores a sealed entry if the generations read before the database are still current. */
  async put(meta: ModelMeta, id: string, entry: string, generations: Generations, sealed: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#run(() =>
      this.#script(
        PUT,
        [entry, this.keys.epoch, this.keys.modelGeneration(meta), this.keys.rowGeneration(meta, id)],
        [...generations, sealed, String(ttlMs)],
      ),
    );
    return reply === 1 || reply === '1';
  }

  async get(key: string): Promise<string | undefined> {
    const reply = await this.#run(() => this.link.command(['GET', key]));
    return typeof reply === 'string' ? reply : undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#run(() => this.link.command(['SET', key, value, 'PX', String(ttlMs)]));
  }

  /** Bumps each row's generation, drops its entries, tells the other processes. Owed when Redis is down. */
  async invalidateRows(meta: ModelMeta, rows: ReadonlyArray<{ id: string; entries: readonly string[] }>, ttlMs: number): Promise<void> {
    if (rows.length === 0) return;
    const keys = rows.flatMap((r) => [this.keys.rowGeneration(meta, r.id), ...r.entries]);
    const per = rows[0]!.entries.length;
    const message = this.#message({ e: rows.flatMap((r) => r.entries) });
    const done = await this.#run(() => this.#script(INVALIDATE_ROWS, keys, [String(per), String(ttlMs + 60_000), this.keys.channel, message]));
    if (done === undefined) this.#owe();
  }

  /** Makes every entry of a model stale. Owed when Redis is down. */
  async invalidateModel(meta: ModelMeta): Promise<void> {
    const message = this.#message({ m: this.keys.model(meta) });
    const done = await this.#run(() => this.#script(BUMP, [this.keys.modelGeneration(meta)], [this.keys.channel, message]));
    if (done === undefined) this.#owe();
  }

  #owe(): void {
    this.#debts++;
    this.#breaker.trip();
  }

  async close(): Promise<void> {
    this.#breaker.close();
    await this.link.close();
  }
}
