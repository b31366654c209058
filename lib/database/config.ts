import type { CacheConfig } from '../cache/cache-config';
import { ConfigError } from '../errors';
import type { ReplicaConfig } from '../drivers/routing/with-replicas';

/**
 * What `DatabaseFactory.createDatabase` takes. Scale-out: `replicas` (URLs of read replicas of the same type),
 * `readFrom` ('primary', the default, or 'replica'), `readYourWritesMs` (after a write, reads of the same async
 * context go to the primary for this long; default 1000), `maxReplicaLagMs` (a replica further behind is skipped;
 * default 10000) and `replicaCheckIntervalMs` (how often replicas are checked; default 5000).
 */
export interface DatabaseConfig extends ReplicaConfig {
  /** How models refer to this database (`@Model({ database: name })`). */
  name: string;
  /** `postgresql`, `pglite`, `mysql`, `sqlite` or `mongodb`; optional when the URL scheme says it. */
  type?: string;
  /** postgres://, postgresql://, pglite://memory, pglite://./dir, mysql://, mariadb://, sqlite::memory:, sqlite:./file.db, mongodb://, mongodb+srv:// (see `acceptedSchemes`) */
  url?: string;
  /** Overrides the database named in the URL. */
  databaseName?: string;
  /**
   * Passed to the driver: `poolSize`, `connectTimeoutMs`, `idleTimeoutMs`, `statementTimeoutMs`, `lockTimeoutMs`
   * (PostgreSQL), `readPreference` / `readConcern` / `writeConcern` (MongoDB), `busyTimeoutMs` (SQLite), `ssl`/`tls`,
   * `applicationName`, and `driverOptions` (given to the native client as they are).
   */
  options?: Record<string, unknown>;
  /**
   * Where `@Model({ cache: { ttl } })` rows are cached: Redis with `url` or `client`, else an in-process LRU
   * (docs/cache.md).
   */
  cache?: CacheConfig;
}

/** URL schemes, the database type each one names, and how a URL of it starts (`scheme://` unless said). */
const SCHEMES: ReadonlyArray<readonly [scheme: string, type: string, prefix?: string]> = [
  ['postgres', 'postgresql'],
  ['postgresql', 'postgresql'],
  ['pglite', 'pglite'],
  ['mongodb', 'mongodb'],
  ['mongodb+srv', 'mongodb'],
  ['mysql', 'mysql'],
  ['mariadb', 'mysql'],
  ['sqlite', 'sqlite', 'sqlite:'],
];

/** The scheme of a URL (`postgres` of `postgres://...`), lower-cased, if it has one. */
function schemeOf(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1]?.toLowerCase();
}

/** The database type a URL's scheme names, if any. */
export function typeFromUrl(url: string): string | undefined {
  const scheme = schemeOf(url);
  return SCHEMES.find(([s]) => s === scheme)?.[1];
}

/**
 * The URL schemes of the given database types, as written in a URL.
 *
 * @example
 * acceptedSchemes(['postgresql', 'pglite']); // ['postgres://', 'postgresql://', 'pglite://']
 * acceptedSchemes(['sqlite']);                // ['sqlite:']
 */
export function acceptedSchemes(types: readonly string[]): string[] {
  return SCHEMES.filter(([, type]) => types.includes(type)).map(([scheme, , prefix]) => prefix ?? `${scheme}://`);
}

/** Why the type cannot be told from a URL: the scheme it has (never more of the URL, which may hold a password). */
function unknownScheme(name: string, url: string, supported: readonly string[]): ConfigError {
  const scheme = schemeOf(url);
  const seen = scheme && scheme.length <= 32 ? `the URL scheme '${scheme}:' is not one essencia knows` : 'the URL has no scheme essencia knows';
  return new ConfigError(
    `database '${name}': ${seen}; accepted: ${acceptedSchemes(supported).join(', ')} (or set \`type\`: ${supported.join(', ')})`,
  );
}

/** Validates a configuration and settles its type and URL. */
export function resolveConfig(config: DatabaseConfig, supported: readonly string[]): { type: string; url: string } {
  if (!config || typeof config.name !== 'string' || config.name.length === 0) {
    throw new ConfigError('createDatabase: `name` is required (models refer to the database by it)');
  }
  const url = config.url ?? (config.type === 'pglite' ? 'pglite://memory' : undefined);
  if (!url) throw new ConfigError(`database '${config.name}': \`url\` is required`);
  const fromUrl = typeFromUrl(url);
  const type = config.type ?? fromUrl;
  if (!type) throw unknownScheme(config.name, url, supported);
  if (config.type && fromUrl && config.type !== fromUrl) {
    throw new ConfigError(`database '${config.name}': type '${config.type}' does not match the URL scheme (${fromUrl})`);
  }
  if (!supported.includes(type)) {
    throw new ConfigError(`database '${config.name}': type '${type}' is not supported yet (supported: ${supported.join(', ')})`);
  }
  for (const replica of config.replicas ?? []) {
    const replicaType = typeof replica === 'string' ? typeFromUrl(replica) : undefined;
    if (replicaType !== type) {
      throw new ConfigError(`database '${config.name}': every replica URL must be a ${type} URL (${acceptedSchemes([type]).join(', ')})`);
    }
  }
  return { type, url };
}
