// The sample's own jest: ts-jest compiles TypeScript with the sample's tsconfig (decorator metadata on), and
// `essencia` / `essencia/nestjs` resolve to the library's sources, as the package would in an application.
/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json'}] },
  moduleNameMapper: {
    '^essencia$': '<rootDir>/../../lib/index.ts',
    '^essencia/nestjs$': '<rootDir>/../../lib/nest/index.ts',
  },
  testTimeout: 180000,
};
