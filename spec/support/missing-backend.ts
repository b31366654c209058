import { it } from '@jest/globals';
import { isCI } from './backends';

/**
 * What a test file registers when a backend it needs is not configured: a failing test in CI (every backend is
 * required there), elsewhere a skipped test whose title says what to set (listed in the run's closing summary).
 */
export function missingBackend(what: string, envVars: string): void {
  if (isCI) {
    it(`${what}: ${envVars} required in CI`, () => {
      throw new Error(`${envVars} not set: ${what} must run in CI`);
    });
  } else {
    it.skip(`${what} [skipped: set ${envVars} to run it]`, () => undefined);
  }
}
