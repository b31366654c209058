import { ConfigError } from '../errors';
import { DatabaseFactory } from '../database/database-factory';
import { isolationFor } from './isolation/isolation-for';
import type { TestIsolation } from './isolation/test-isolation';
import { runnerHooks, type RunnerHooks } from './runner-hooks';

/** The embedded database a test file gets when its URL is not set. */
export const DEFAULT_TEST_URL = 'pglite://memory';

/** Options of {@link useTestDatabases}. */
export interface TestDatabasesOptions {
  /** The runner's hooks; by default its globals (jest, or vitest with `globals: true`). */
  hooks?: RunnerHooks;
  /** Passed to every `createDatabase` (e.g. `{ poolSize: 2 }`). */
  options?: Record<string, unknown>;
  /** How long the start (connect + sync) may take; default 120 s, for a first embedded start on a busy machine. */
  timeoutMs?: number;
}

/**
 * Gives this test file fresh, synced databases: before its tests, each one is created (an embedded
 * `pglite://memory` when the URL is undefined; a database of its own on a server, so parallel files never
 * collide), connected and synced for the models declared on it; after them, it is closed (and the server
 * database dropped). Call it at the top level of a jest or vitest test file, after importing the models.
 *
 * @example
 * useTestDatabases({ pg_main: process.env.DATABASE_URL, docs: 'pglite://memory' });
 */
export function useTestDatabases(databases: Readonly<Record<string, string | undefined>>, options: TestDatabasesOptions = {}): void {
  const names = Object.keys(databases ?? {});
  if (names.length === 0) throw new ConfigError('useTestDatabases: name at least one database, e.g. { pg_main: "pglite://memory" }');
  const hooks = runnerHooks(options.hooks);
  const timeout = options.timeoutMs ?? 120_000;
  const isolations = new Map<string, TestIsolation>(names.map((name) => [name, isolationFor(name, databases[name] ?? DEFAULT_TEST_URL)]));
  const prepared: TestIsolation[] = [];
  const created: string[] = [];

  hooks.beforeAll(async () => {
    for (const [name, isolation] of isolations) {
      const target = await isolation.prepare();
      prepared.push(isolation);
      DatabaseFactory.createDatabase({ name, ...target, options: { ...options.options } });
      created.push(name);
    }
    await Promise.all(created.map(async (name) => (await DatabaseFactory.getDatabase(name).connect()).sync()));
  }, timeout);

  hooks.afterAll(async () => {
    // Only what this file created: a name that already existed was reported by createDatabase, not taken over.
    for (const name of created.splice(0)) await DatabaseFactory.removeDatabase(name);
    for (const isolation of prepared.splice(0)) await isolation.dispose();
  }, timeout);
}
