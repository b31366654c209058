import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe } from '@jest/globals';
import { missingBackend } from './missing-backend';
import { Database, DatabaseFactory } from '../../lib';
import type { DriverCapabilities } from '../../lib/drivers/driver';
import { modelMeta } from '../../lib/metadata/model-meta';
import type { Backend } from './backends';
import { declaredCapabilities } from './capabilities';
import { mainModels, Visit } from './models';

/**
 * What every suite gets: the backend's capabilities, known when the tests are registered (to skip by
 * capability), and its two databases, filled in before the tests run.
 */
export interface ConformanceContext {
  backend: Backend;
  capabilities: DriverCapabilities;
  main: Database;
  other: Database;
}

export type Suite = (ctx: ConformanceContext) => void;

/** Empties the tables / collections of the given models (soft-deleted rows included), bypassing the model layer. */
export async function reset(db: Database, ...models: Function[]): Promise<void> {
  for (const model of models) await db.driver.deleteMany(modelMeta(model), undefined);
}

/** Wraps a driver method to count its calls (the database is still used for real). */
export function countCalls<K extends 'insert' | 'updateById' | 'updateMany' | 'find' | 'findById'>(db: Database, method: K) {
  const driver = db.driver as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = driver[method]!;
  const calls: unknown[][] = [];
  driver[method] = function (this: unknown, ...args: unknown[]) {
    calls.push(args);
    return original.apply(this, args);
  };
  return { calls, restore: () => void (driver[method] = original) };
}

/**
 * Runs every suite against one backend: 'main' and 'other' are both databases of that backend.
 * Without a URL the backend is skipped loudly, or fails the run in CI.
 */
export function runConformance(backend: Backend, suites: Record<string, Suite>): void {
  if (!backend.url) {
    missingBackend(`${backend.name} conformance`, backend.envVar!);
    return;
  }
  const url = backend.url;
  const ctx = { backend, capabilities: declaredCapabilities(backend.name) } as ConformanceContext;
  describe(`conformance on ${backend.name}`, () => {
    beforeAll(async () => {
      ctx.main = DatabaseFactory.createDatabase({ name: 'main', url, options: { connectTimeoutMs: 60_000 } });
      ctx.other = DatabaseFactory.createDatabase({ name: 'other', url: backend.name === 'pglite' ? 'pglite://memory' : url });
      await DatabaseFactory.connectAll();
      const json = (c: DriverCapabilities) => JSON.parse(JSON.stringify(c)) as unknown;
      assert.deepEqual(json(ctx.main.driver.capabilities), json(ctx.capabilities), 'the capabilities the tests were registered with');
      await ctx.main.sync();
      await ctx.other.sync();
      await reset(ctx.main, ...mainModels);
      await reset(ctx.other, Visit);
    });
    afterAll(async () => {
      await DatabaseFactory.closeAll();
    });
    for (const [name, suite] of Object.entries(suites)) describe(name, () => suite(ctx));
  });
}
