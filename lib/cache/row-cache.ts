import type { StoredRow } from '../drivers/driver';
import type { ModelMeta } from '../metadata/types';
import type { CacheKeys } from './cache-keys';
import type { CacheCounters } from './cache-stats';
import type { EntrySeals } from './entry-seal';
import type { LocalStore } from './local-store';
import { scopeNames } from './lookup';
import type { Generations, RedisStore } from './redis-store';
import { decodeRow, encodeRow } from './row-text';

/** Past this many rows, one write makes the whole model stale instead (one counter instead of many keys). */
const MAX_ROWS_PER_INVALIDATION = 256;

/** What a reader captured before going to the database; `fill` stores the row only if it still holds. */
export interface FillTicket {
  readonly entry: string;
  readonly localVersion: number;
  readonly generations?: Generations;
}

/** A read by id: the cached row, or a ticket to fill it after the database answered, or nothing (do not cache). */
export type CachedRead = { readonly row: StoredRow } | { readonly ticket: FillTicket } | undefined;

/**
 * Stored rows by id and unique lookups, in the in-process store alone or in front of Redis. Rows are kept as text
 * (ciphertext envelopes and blind indexes as the database holds them); entries in Redis are sealed with an HMAC
 * over their key, their generations and the row, and are trusted only while those generations are current.
 */
export class RowCache {
  constructor(
    private readonly keys: CacheKeys,
    private readonly seals: EntrySeals,
    private readonly local: LocalStore,
    private readonly remote: RedisStore | undefined,
    private readonly counters: CacheCounters,
    private readonly localTtlMs: number,
  ) {}

  #ttlMs(meta: ModelMeta): number {
    return Math.round(meta.options.cache!.ttl * 1000);
  }

  #localTtl(meta: ModelMeta): number {
    return this.remote ? Math.min(this.localTtlMs, this.#ttlMs(meta)) : this.#ttlMs(meta);
  }

  #localUsable(): boolean {
    return !this.remote || this.remote.localUsable;
  }

  /** The row of `id` in scope `scope`, or what to fill it with afterwards; undefined when Redis is down. */
  async readById(meta: ModelMeta, id: string, scope: string): Promise<CachedRead> {
    const entry = this.keys.entry(meta, id, scope);
    const model = this.keys.model(meta);
    if (this.#localUsable()) {
      const text = this.local.get(entry, model);
      if (text !== undefined) {
        this.counters.add('hits');
        this.counters.add('localHits');
        return { row: decodeRow(text) };
      }
    }
    const localVersion = this.local.version;
    if (!this.remote) {
      this.counters.add('misses');
      return { ticket: { entry, localVersion } };
    }
    if (!this.remote.isUp) {
      this.counters.add('bypasses');
      return undefined;
    }
    const got = await this.remote.read(meta, id, entry, this.#ttlMs(meta));
    if (!got) return undefined;
    const text = got.text === null ? undefined : this.#current(entry, got.text, got.generations, this.#ttlMs(meta));
    if (text === undefined) {
      this.counters.add('misses');
      return { ticket: { entry, localVersion, generations: got.generations } };
    }
    this.counters.add('hits');
    if (this.remote.localUsable) this.local.set(entry, model, text, this.#localTtl(meta), localVersion);
    return { row: decodeRow(text) };
  }

  /**
   * The row text of a sealed entry if its MAC holds, it was stored under the current generations, and less than
   * `ttlMs` ago by the clock sealed in it (so that an old entry replayed into Redis is refused once it has aged).
   */
  #current(entry: string, sealed: string, generations: Generations, ttlMs: number): string | undefined {
    const payload = this.seals.open(entry, sealed);
    if (payload === undefined) {
      this.counters.add('errors');
      return undefined;
    }
    const prefix = `${generations.join(':')}:`;
    if (!payload.startsWith(prefix)) return undefined;
    const colon = payload.indexOf(':', prefix.length);
    const storedAt = Number(payload.slice(prefix.length, colon));
    if (colon < 0 || !(Date.now() - storedAt < ttlMs)) return undefined;
    return payload.slice(colon + 1);
  }

  /** Stores a row read from the database, unless a write was invalidated since the ticket was taken. */
  async fill(meta: ModelMeta, id: string, ticket: FillTicket, row: StoredRow): Promise<void> {
    const text = encodeRow(row);
    if (text === undefined) return;
    if (this.remote && ticket.generations) {
      const sealed = this.seals.seal(ticket.entry, `${ticket.generations.join(':')}:${Date.now()}:${text}`);
      const stored = await this.remote.put(meta, id, ticket.entry, ticket.generations, sealed, this.#ttlMs(meta));
      if (!stored || !this.remote.localUsable) return;
    }
    this.local.set(ticket.entry, this.keys.model(meta), text, this.#localTtl(meta), ticket.localVersion);
  }

  /**
   * The id a unique value pointed to when last read (checked by the caller against the row it names); when
   * there is none the read counts as a miss, or as a bypass while Redis is down.
   */
  async readPointer(meta: ModelMeta, column: string, value: string | number): Promise<string | undefined> {
    const key = this.keys.pointer(meta, column, value);
    if (this.#localUsable()) {
      const id = this.local.get(key, this.keys.model(meta));
      if (id !== undefined) return id;
    }
    if (!this.remote) {
      this.counters.add('misses');
      return undefined;
    }
    if (!this.remote.isUp) {
      this.counters.add('bypasses');
      return undefined;
    }
    const sealed = await this.remote.get(key);
    const id = sealed === undefined ? undefined : this.seals.open(key, sealed);
    if (sealed !== undefined && id === undefined) this.counters.add('errors');
    if (id === undefined) this.counters.add('misses');
    else if (this.remote.localUsable) this.local.set(key, this.keys.model(meta), id, this.#localTtl(meta), this.local.version);
    return id;
  }

  /**
   * Remembers which id holds a unique value. A pointer is only a hint (the row it leads to is checked), so it
   * needs no invalidation.
   */
  async fillPointer(meta: ModelMeta, column: string, value: string | number, id: string): Promise<void> {
    const key = this.keys.pointer(meta, column, value);
    if (this.remote) await this.remote.set(key, this.seals.seal(key, id), this.#ttlMs(meta));
    this.local.set(key, this.keys.model(meta), id, this.#localTtl(meta), this.local.version);
  }

  /**
   * After a write: the rows of `ids` (or every row of the model when undefined) are stale. In process alone this is
   * done when it returns (no promise: the cost of the cache on a write is this call).
   */
  invalidate(meta: ModelMeta, ids: readonly string[] | undefined): Promise<void> | void {
    if (ids === undefined || ids.length > MAX_ROWS_PER_INVALIDATION) {
      this.local.dropModel(this.keys.model(meta));
      return this.remote?.invalidateModel(meta);
    }
    const scopes = scopeNames(meta);
    const rows = ids.map((id) => ({ id, entries: scopes.map((s) => this.keys.entry(meta, id, s)) }));
    this.local.delete(rows.flatMap((r) => r.entries));
    return this.remote?.invalidateRows(meta, rows, this.#ttlMs(meta));
  }
}
