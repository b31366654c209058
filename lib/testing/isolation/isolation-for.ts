import { ConfigError } from '../../errors';
import { typeFromUrl } from '../../database/config';
import { mongoIsolation } from './mongo-isolation';
import { mysqlIsolation } from './mysql-isolation';
import { pgliteIsolation } from './pglite-isolation';
import { postgresIsolation } from './postgres-isolation';
import { sqliteIsolation } from './sqlite-isolation';
import type { TestIsolation } from './test-isolation';

const BY_TYPE: Record<string, (url: string) => TestIsolation> = {
  pglite: pgliteIsolation,
  postgresql: postgresIsolation,
  mongodb: mongoIsolation,
  sqlite: sqliteIsolation,
  mysql: mysqlIsolation,
};

/** How a test file gets a database of its own on the server a URL names. */
export function isolationFor(name: string, url: string): TestIsolation {
  const make = BY_TYPE[typeFromUrl(url) ?? ''];
  if (!make) {
    throw new ConfigError(`useTestDatabases: database '${name}': cannot isolate test files on ${url.split(':')[0]}: (supported: pglite://, postgres://, mysql://, mariadb://, mongodb://, sqlite:)`);
  }
  return make(url);
}
