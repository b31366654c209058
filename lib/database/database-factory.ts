import { ConfigError } from '../errors';
import { withReplicas } from '../drivers/routing/with-replicas';
import { resolveConfig, type DatabaseConfig } from './config';
import { Database } from './database';
import { driverFactoryFor, supportedTypes } from './driver-loaders';

const databases = new Map<string, Database>();

/**
 * The registry of configured databases.
 *
 * @example
 * DatabaseFactory.createDatabase({ name: 'local', url: 'pglite://memory' });
 * await DatabaseFactory.connectAll();
 * await DatabaseFactory.closeAll();
 */
export const DatabaseFactory = {
  /** Registers a database under `config.name`. The driver package is loaded now; nothing connects yet. */
  createDatabase(config: DatabaseConfig): Database {
    const { type, url } = resolveConfig(config, supportedTypes());
    if (databases.has(config.name)) {
      throw new ConfigError(`a database named '${config.name}' already exists; close it with closeAll() or removeDatabase() first`);
    }
    const factory = driverFactoryFor(type)!;
    const driver = withReplicas({ name: config.name, type, url, databaseName: config.databaseName, options: { ...config.options } }, config, factory);
    const database = new Database(config.name, type, driver, config.cache);
    databases.set(config.name, database);
    return database;
  },

  /** The database registered under `name`; ConfigError listing the registered names when there is none. */
  getDatabase(name: string): Database {
    const database = databases.get(name);
    if (!database) {
      const known = [...databases.keys()];
      throw new ConfigError(
        `no database named '${name}' (registered: ${known.length ? known.join(', ') : 'none'}); call DatabaseFactory.createDatabase({ name: '${name}', url }) first`,
      );
    }
    return database;
  },

  hasDatabase(name: string): boolean {
    return databases.has(name);
  },

  /** Every registered database. */
  databases(): Database[] {
    return [...databases.values()];
  },

  /** Connects every registered database. */
  async connectAll(): Promise<void> {
    await Promise.all([...databases.values()].map((db) => db.connect()));
  },

  /** Closes one database and forgets its name. */
  async removeDatabase(name: string, options: { timeoutMs?: number } = {}): Promise<void> {
    const database = databases.get(name);
    try {
      await database?.close(options);
    } finally {
      if (database && databases.get(name) === database) databases.delete(name);
    }
  },

  /**
   * Graceful shutdown of every database: new work is refused at once, running work may finish for up to
   * `timeoutMs` (default 10 s), then the pools close and the registry is emptied.
   */
  async closeAll(options: { timeoutMs?: number } = {}): Promise<void> {
    const all = [...databases.values()];
    try {
      await Promise.all(all.map((db) => db.close(options)));
    } finally {
      for (const db of all) if (databases.get(db.name) === db) databases.delete(db.name);
    }
  },
};
