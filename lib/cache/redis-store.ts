import type { ModelMeta } from '../metadata/types';
import type { CacheCounters } from './cache-stats';
import type { CacheKeys } from './cache-keys';
import { CircuitBreaker } from './circuit-breaker';
import type { LocalStore } from './local-store';
import type { RedisLink } from './redis-link';
import { CommandDeadlines, CommandTimeout } from './command-deadlines';
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

/** `promise`, or a rejection after `ms` (for connecting, which happens once). */
function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new CommandTimeout(`no answer in ${ms} ms`)), ms);
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

const isNoScript = (error: unknown): boolean => String((error as Error)?.message).startsWith('NOSCRIPT');

/**
 * The Redis tier. Every command is bounded by `timeoutMs`; a failure opens the breaker and reads go to the
 * database without asking until a probe answers. Invalidations that could not be sent are owed: the probe that
 * closes the breaker first bumps the epoch, which every entry is checked against, so nothing stored before the
 * outage is trusted after it. Other processes' invalidations arrive by publish/subscribe and evict the
 * in-process copies; while the subscription is down those copies are not used.
 */
export class RedisStore {
  readonly #breaker: CircuitBreaker;
  readonly #deadlines: CommandDeadlines;
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
    this.#deadlines = new CommandDeadlines(timeoutMs);
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
    // Probes are rare: the bump goes as script text, which needs no NOSCRIPT fallback.
    const bump = ['EVAL', BUMP.text, '1', this.keys.epoch, this.keys.channel, this.#message({ all: 1 })];
    await this.#deadlines.bound(this.link.command(debts > 0 ? bump : ['PING']));
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

  /**
   * Sends one command, bounded by the timeout; undefined when the breaker is open or it fails (which opens it).
   * A script goes by its SHA (`EVALSHA`), and again as text if Redis lost it (`NOSCRIPT`, as after a restart).
   */
  async #run(args: readonly string[], script?: LuaScript): Promise<unknown> {
    if (!this.#breaker.isClosed) return undefined;
    try {
      return await this.#deadlines.bound(this.link.command(args));
    } catch (error) {
      if (script && isNoScript(error)) return this.#run(['EVAL', script.text, ...args.slice(2)]);
      this.counters.add('errors');
      this.#fail();
      return undefined;
    }
  }

  #script(script: LuaScript, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    return this.#run(['EVALSHA', script.sha, String(keys.length), ...keys, ...args], script);
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
    const { keys } = this;
    const args = ['EVALSHA', READ.sha, '4', entry, keys.epoch, keys.modelGeneration(meta), keys.rowGeneration(meta, id), String(ttlMs + 60_000)];
    const reply = await this.#run(args, READ);
    if (!Array.isArray(reply) || reply.length !== 4) return undefined;
    const [text, epoch, model, row] = reply as unknown[];
    if (epoch == null || model == null || row == null) return undefined;
    return { text: text == null ? null : String(text), generations: [String(epoch), String(model), String(row)] };
  }

  /** Stores a sealed entry if the generations read before the database are still current. */
  async put(meta: ModelMeta, id: string, entry: string, generations: Generations, sealed: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#script(
      PUT,
      [entry, this.keys.epoch, this.keys.modelGeneration(meta), this.keys.rowGeneration(meta, id)],
      [...generations, sealed, String(ttlMs)],
    );
    return reply === 1 || reply === '1';
  }

  async get(key: string): Promise<string | undefined> {
    const reply = await this.#run(['GET', key]);
    return typeof reply === 'string' ? reply : undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.#run(['SET', key, value, 'PX', String(ttlMs)]);
  }

  /** Bumps each row's generation, drops its entries, tells the other processes. Owed when Redis is down. */
  async invalidateRows(meta: ModelMeta, rows: ReadonlyArray<{ id: string; entries: readonly string[] }>, ttlMs: number): Promise<void> {
    if (rows.length === 0) return;
    const keys = rows.flatMap((r) => [this.keys.rowGeneration(meta, r.id), ...r.entries]);
    const per = rows[0]!.entries.length;
    const message = this.#message({ e: rows.flatMap((r) => r.entries) });
    const done = await this.#script(INVALIDATE_ROWS, keys, [String(per), String(ttlMs + 60_000), this.keys.channel, message]);
    if (done === undefined) this.#owe();
  }

  /** Makes every entry of a model stale. Owed when Redis is down. */
  async invalidateModel(meta: ModelMeta): Promise<void> {
    const message = this.#message({ m: this.keys.model(meta) });
    const done = await this.#script(BUMP, [this.keys.modelGeneration(meta)], [this.keys.channel, message]);
    if (done === undefined) this.#owe();
  }

  #owe(): void {
    this.#debts++;
    this.#breaker.trip();
  }

  async close(): Promise<void> {
    this.#breaker.close();
    this.#deadlines.close();
    await this.link.close();
  }
}
