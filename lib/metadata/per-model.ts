import type { ModelMeta } from './types';

/**
 * `make` run once per model and kept as long as its metadata lives: what is built from a model's metadata and used
 * on every operation (compiled code, plans).
 *
 * @example
 * const rowEncoder = perModel(compileEncoder);
 * rowEncoder(meta)(instance, id);
 */
export function perModel<V>(make: (meta: ModelMeta) => V): (meta: ModelMeta) => V {
  const made = new WeakMap<ModelMeta, V>();
  return (meta) => {
    let value = made.get(meta);
    if (value === undefined) made.set(meta, (value = make(meta)));
    return value;
  };
}
