import type { HookName, ModelMeta } from '../metadata/types';

/** Calls the instance's methods registered for `hook`, in declaration order (base class first). */
export async function runHooks(meta: ModelMeta, hook: HookName, instance: object): Promise<void> {
  const methods = meta.hooks[hook];
  for (let i = 0; i < methods.length; i++) {
    await (instance as Record<string, () => unknown>)[methods[i]!]!();
  }
}
