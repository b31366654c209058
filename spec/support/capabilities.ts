import { it } from '@jest/globals';
import type { DriverCapabilities } from '../../lib/drivers/driver';
import { RUN_ENV } from '../jest/run-env';
import type { Backend } from './backends';

/**
 * The capabilities jest's global setup read from a backend before any test file was loaded, so that a test can
 * be skipped by capability when it is registered (jest has no skip at run time).
 */
export function declaredCapabilities(name: Backend['name']): DriverCapabilities {
  const all = JSON.parse(process.env[RUN_ENV.capabilities] ?? '{}') as Partial<Record<Backend['name'], DriverCapabilities>>;
  const found = all[name];
  if (!found) throw new Error(`${RUN_ENV.capabilities} has no capabilities for ${name}: run the tests with npm test (its global setup probes each backend)`);
  return found;
}

type TestBody = Parameters<typeof it>[1];

/**
 * `it` when the condition holds; otherwise a skipped test whose title carries the reason, which the run's
 * closing summary lists.
 *
 * @example
 * itIf(ctx.capabilities.savepoints, 'capability savepoints: absent on this backend')('nested calls are savepoints', async () => {});
 */
export function itIf(condition: boolean, reason: string): (name: string, fn: TestBody, timeout?: number) => void {
  return (name, fn, timeout) => {
    if (condition) it(name, fn, timeout);
    else it.skip(`${name} [skipped: ${reason}]`, fn, timeout);
  };
}
