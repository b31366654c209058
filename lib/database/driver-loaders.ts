import type { DriverFactory } from '../drivers/driver';

/**
 * How each database type gets its driver. Loaders `require` lazily so that the core never
 * loads a backend package the application does not use.
 */
const loaders: Record<string, () => DriverFactory> = {
  postgresql: () => (require('../drivers/postgres/postgres-driver') as typeof import('../drivers/postgres/postgres-driver')).createPostgresDriver,
  pglite: () => (require('../drivers/pglite/pglite-driver') as typeof import('../drivers/pglite/pglite-driver')).createPgliteDriver,
  sqlite: () => (require('../drivers/sqlite/sqlite-driver') as typeof import('../drivers/sqlite/sqlite-driver')).createSqliteDriver,
  mysql: () => (require('../drivers/mysql/mysql-driver') as typeof import('../drivers/mysql/mysql-driver')).createMysqlDriver,
  mongodb: () => (require('../drivers/mongodb/mongo-driver') as typeof import('../drivers/mongodb/mongo-driver')).createMongoDriver,
};

export function driverFactoryFor(type: string): DriverFactory | undefined {
  return loaders[type]?.();
}

export const supportedTypes = (): string[] => Object.keys(loaders);
