// A user's jest setup with ts-jest: the built package under its own name, no flags.
const { dist } = require('../shared/dist-paths');

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: `${__dirname}/tsconfig.json` }] },
  moduleNameMapper: dist,
};
