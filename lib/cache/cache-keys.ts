import { createHmac } from 'node:crypto';
import type { ModelMeta } from '../metadata/types';

/** How many derived names a cache remembers before it starts over. */
const RECENT_NAMES = 4096;

/**
 * Names of cache keys. They never carry a value: ids, lookup values and model names are HMACs under the cache's
 * naming key, so a reader of Redis learns only how many entries there are.
 */
export class CacheKeys {
  readonly epoch: string;
  readonly channel: string;
  readonly #models = new WeakMap<ModelMeta, string>();
  readonly #recent = new Map<string, string>();

  constructor(
    readonly prefix: string,
    private readonly namingKey: Buffer,
  ) {
    this.epoch = `${prefix}epoch`;
    this.channel = `${prefix}invalidate`;
  }

  /** An HMAC costs microseconds on every read and write: the names of recent ids are remembered. */
  #tag(text: string): string {
    let tag = this.#recent.get(text);
    if (tag === undefined) {
      if (this.#recent.size >= RECENT_NAMES) this.#recent.clear();
      tag = createHmac('sha256', this.namingKey).update(text).digest('base64url').slice(0, 24);
      this.#recent.set(text, tag);
    }
    return tag;
  }

  /** A model's own tag (its database table / collection and class name). */
  model(meta: ModelMeta): string {
    let tag = this.#models.get(meta);
    if (!tag) this.#models.set(meta, (tag = this.#tag(`model\u0000${meta.collection}\u0000${meta.name}`)));
    return tag;
  }

  /** The generation every entry of the model was read under; bumped by writes whose rows are not known. */
  modelGeneration(meta: ModelMeta): string {
    return `${this.prefix}m:${this.model(meta)}`;
  }

  /** The generation of one row; bumped by every write to it. */
  rowGeneration(meta: ModelMeta, id: string): string {
    return `${this.prefix}g:${this.#tag(`row\u0000${this.model(meta)}\u0000${id}`)}`;
  }

  /** The stored row of `id` as seen through a soft-delete scope (`scope` names it). */
  entry(meta: ModelMeta, id: string, scope: string): string {
    return `${this.prefix}e:${this.#tag(`entry\u0000${this.model(meta)}\u0000${scope}\u0000${id}`)}`;
  }

  /** Which id holds `value` in the unique column `column`. */
  pointer(meta: ModelMeta, column: string, value: string | number): string {
    return `${this.prefix}u:${this.#tag(`unique\u0000${this.model(meta)}\u0000${column}\u0000${typeof value}\u0000${value}`)}`;
  }
}
