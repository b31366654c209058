import { crossDatabaseSuite } from './suites/cross-database';
import { crudSuite } from './suites/crud';
import { customTableSuite } from './suites/custom-table';
import { encryptionSuite } from './suites/encryption';
import { filterCasesSuite } from './suites/filter-cases';
import { filterOracleSuite } from './suites/filter-oracle';
import { filtersSuite } from './suites/filters';
import { mixinsSuite } from './suites/mixins';
import { modelKindsSuite } from './suites/model-kinds';
import { querySuite } from './suites/query';
import { rotationSuite } from './suites/rotation';
import { schemaSuite } from './suites/schema';
import { transactionsSuite } from './suites/transactions';
import { validationSuite } from './suites/validation';

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
  schema: schemaSuite,
  'custom table': customTableSuite,
  'cross-database': crossDatabaseSuite,
  encryption: encryptionSuite,
  rotation: rotationSuite,
};
