import type { HookName, ModelMeta } from '../metadata/types';

/**
 * Calls the instance's methods registered for `hook`, in declaration order (base class first).
 * Returns undefined (no promise to await) when there are none: writes stay free of idle awaits.
 */
export function runHooks(meta: ModelMeta, hook: HookName, instance: object): Promise<void> | undefined {
  const methods = meta.hooks[hook];
  return methods.length === 0 ? undefined : callAll(methods, instance);
}

async function callAll(methods: readonly string[], instance: object): Promise<void> {
  for (const method of methods) await (instance as Record<string, () => unknown>)[method]!();
}
