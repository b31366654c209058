import type { TestIsolation } from './test-isolation';

/** `pglite://memory`: every file already starts its own empty instance; a directory is used as it is. */
export function pgliteIsolation(url: string): TestIsolation {
  return {
    prepare: async () => ({ url }),
    dispose: async () => undefined,
  };
}
