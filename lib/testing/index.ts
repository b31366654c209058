/**
 * `essencia/testing`: fresh databases per test file for jest and vitest, rolled-back test bodies, truncation.
 * Not part of the core entry point: import it from `essencia/testing`.
 */
export { useTestDatabases, DEFAULT_TEST_URL } from './use-test-databases';
export type { TestDatabasesOptions } from './use-test-databases';
export type { RunnerHooks, Hook } from './runner-hooks';
export { withRollback } from './with-rollback';
export { truncate } from './truncate';
