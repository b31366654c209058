import type { ModelMeta } from '../metadata/types';

const checked = new WeakSet<ModelMeta>();

/** Throws (ConfigError) when a codec of the model cannot work, e.g. encryption without a key. Checked once per model. */
export function assertCodecsReady(meta: ModelMeta): void {
  if (checked.has(meta)) return;
  for (const field of meta.modelFields) field.codec?.assertReady?.();
  checked.add(meta);
}
