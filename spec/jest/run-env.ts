/**
 * What jest's global setup hands to the test workers and to the closing reporter, through the environment
 * (workers are started after the global setup and inherit it).
 */
export const RUN_ENV = {
  /** JSON object: each configured backend's DriverCapabilities, keyed by backend name. */
  capabilities: 'ESSENCIA_TEST_CAPABILITIES',
  /** JSON array: the MongoDB URL of each jest worker, by JEST_WORKER_ID - 1. */
  mongoUrls: 'ESSENCIA_TEST_MONGODB_URLS',
  /** Space-separated pids of the stand-ins the global setup started, for the global teardown. */
  standInPids: 'ESSENCIA_TEST_STANDIN_PIDS',
  /** The backend banner, repeated at the end of the run. */
  banner: 'ESSENCIA_TEST_BANNER',
  /** The closing lines prepared by spec/jest/summary-reporter.cjs, printed by the global teardown. */
  closing: 'ESSENCIA_TEST_CLOSING',
} as const;
