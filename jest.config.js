// essencia's own test suite. `npm test` (scripts/test.mjs) type-checks and compiles first, then runs jest once
// for every backend. ts-jest transpiles each file on its own (the type check is tsc's job), keeping decorator metadata.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/spec'],
  testMatch: ['**/*.test.ts'],
  // Fixture projects of users (run by packaging.test.ts with their own runner and config).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/spec/runners/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/spec/tsconfig.jest.json' }],
  },
  globalSetup: '<rootDir>/spec/jest/global-setup.ts',
  globalTeardown: '<rootDir>/spec/jest/global-teardown.ts',
  setupFiles: ['<rootDir>/spec/jest/worker-env.ts'],
  reporters: ['default', '<rootDir>/spec/jest/summary-reporter.cjs'],
  testSequencer: '<rootDir>/spec/jest/sequencer.cjs',
  maxWorkers: 2,
  // node:test had no timeout; PGlite alone can take half a minute to start on a busy machine.
  testTimeout: 300_000,
};
