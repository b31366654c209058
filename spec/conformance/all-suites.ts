import { cacheSuite } from './suites/cache';
import { crossDatabaseSuite } from './suites/cross-database';
import { crudSuite } from './suites/crud';
import { customTableSuite } from './suites/custom-table';
import { drizzleSuite } from './suites/drizzle';
import { encryptionSuite } from './suites/encryption';
import { filterCasesSuite } from './suites/filter-cases';
import { filterOracleSuite } from './suites/filter-oracle';
import { filtersSuite } from './suites/filters';
import { hostileInputSuite } from './suites/hostile-input';
import { keysetSuite } from './suites/keyset';
import { migrationsSuite } from './suites/migrations';
import { mixinsSuite } from './suites/mixins';
import { nestedTransactionsSuite } from './suites/nested-transactions';
import { modelKindsSuite } from './suites/model-kinds';
import { noPlaintextSuite } from './suites/no-plaintext';
import { querySuite } from './suites/query';
import { relationsSuite } from './suites/relations';
import { rotationSuite } from './suites/rotation';
import { schemaSuite } from './suites/schema';
import { setupErrorsSuite } from './suites/setup-errors';
import { transactionsSuite } from './suites/transactions';
import { validationSuite } from './suites/validation';
import { validationRulesSuite } from './suites/validation-rules';
import { versioningSuite } from './suites/versioning';
import { writtenValuesSuite } from './suites/written-values';

/** Every conformance suite, run once per backend. */
export const allSuites = {
  crud: crudSuite,
  validation: validationSuite,
  filters: filtersSuite,
  'filter-oracle': filterOracleSuite,
  'filter cases': filterCasesSuite,
  query: querySuite,
  mixins: mixinsSuite,
  'model kinds': modelKindsSuite,
  transactions: transactionsSuite,
  'nested transactions': nestedTransactionsSuite,
  schema: schemaSuite,
  'custom table': customTableSuite,
  drizzle: drizzleSuite,
  'cross-database': crossDatabaseSuite,
  relations: relationsSuite,
  encryption: encryptionSuite,
  rotation: rotationSuite,
  'plaintext does not escape': noPlaintextSuite,
  'set-up errors': setupErrorsSuite,
  'validation rules': validationRulesSuite,
  'written values': writtenValuesSuite,
  'hostile input': hostileInputSuite,
  'optimistic locking': versioningSuite,
  'keyset pages': keysetSuite,
  migrations: migrationsSuite,
  cache: cacheSuite,
};
