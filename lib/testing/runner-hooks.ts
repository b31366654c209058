import { ConfigError } from '../errors';

/** A runner's `beforeAll` / `afterAll` (jest, vitest; node:test's `before` / `after` fit too). */
export type Hook = (fn: () => Promise<void>, timeoutMs?: number) => unknown;

/** The hooks `useTestDatabases` registers with. */
export interface RunnerHooks {
  beforeAll: Hook;
  afterAll: Hook;
}

/** The hooks given, or the runner's globals (jest; vitest with `globals: true`); ConfigError when there are none. */
export function runnerHooks(given?: RunnerHooks): RunnerHooks {
  if (given) return given;
  const g = globalThis as { beforeAll?: unknown; afterAll?: unknown };
  if (typeof g.beforeAll === 'function' && typeof g.afterAll === 'function') {
    return { beforeAll: g.beforeAll as Hook, afterAll: g.afterAll as Hook };
  }
  throw new ConfigError(
    "useTestDatabases: no test runner hooks found (globalThis.beforeAll / afterAll); call it at the top of a jest or vitest test file (vitest: set test.globals = true, or pass { hooks: { beforeAll, afterAll } } imported from 'vitest')",
  );
}
