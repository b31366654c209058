import { crossDatabaseSuite } from './suites/cross-database';
import { crudSuite } from './suites/crud';
import { filtersSuite } from './suites/filters';
import { mixinsSuite } from './suites/mixins';
import { querySuite } from './suites/query';
import { schemaSuite } from './suites/schema';
import { transactionsSuite } from './suites/transactions';
import { validationSuite } from './suites/validation';

/** Every conformance suite, run once per backend. */
export const allSuites = {
  crud: crudSuite,
  validation: validationSuite,
  filters: filtersSuite,
  query: querySuite,
  mixins: mixinsSuite,
  transactions: transactionsSuite,
  schema: schemaSuite,
  'cross-database': crossDatabaseSuite,
};
