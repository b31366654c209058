import { LRUCache } from 'lru-cache';

interface LocalEntry {
  readonly text: string;
  readonly model: string;
  readonly generation: number;
}

/**
 * The in-process store: an LRU bounded by entry count, holding stored rows as text (never decoded values) and
 * remembered unique lookups. Every invalidation bumps `version`; a reader captures it before going to the
 * database (or Redis) and `set` refuses the row if anything was invalidated meanwhile, so an old row is never
 * put back.
 */
export class LocalStore {
  readonly #lru: LRUCache<string, LocalEntry>;
  readonly #generations = new Map<string, number>();
  #version = 0;

  constructor(maxEntries: number) {
    this.#lru = new LRUCache<string, LocalEntry>({ max: maxEntries });
  }

  get version(): number {
    return this.#version;
  }

  get(key: string, model: string): string | undefined {
    const entry = this.#lru.get(key);
    if (!entry) return undefined;
    return entry.generation === (this.#generations.get(model) ?? 0) ? entry.text : undefined;
  }

  /** Stores unless something was invalidated since `version` was read. */
  set(key: string, model: string, text: string, ttlMs: number, version: number): void {
    if (version !== this.#version || ttlMs <= 0) return;
    this.#lru.set(key, { text, model, generation: this.#generations.get(model) ?? 0 }, { ttl: ttlMs });
  }

  delete(keys: readonly string[]): void {
    this.#version++;
    for (const key of keys) this.#lru.delete(key);
  }

  /** Every entry of one model is stale. */
  dropModel(model: string): void {
    this.#version++;
    this.#generations.set(model, (this.#generations.get(model) ?? 0) + 1);
  }

  clear(): void {
    this.#version++;
    this.#lru.clear();
  }

  /** Every stored text (for inspection). */
  texts(): string[] {
    return [...this.#lru.values()].map((e) => e.text);
  }
}
