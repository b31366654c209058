import { ConfigError } from '../errors';

/** What `DatabaseFactory.createDatabase` takes. */
export interface DatabaseConfig {
  /** How models refer to this database (`@Model({ database: name })`). */
  name: string;
  /** `postgresql`, `pglite` or `mongodb`; optional when the URL scheme says it. */
  type?: string;
  /** postgres://, postgresql://, pglite://memory, pglite://./dir, mongodb://, mongodb+srv:// */
  url?: string;
  /** Overrides the database named in the URL. */
  databaseName?: string;
  /**
   * Passed to the driver: `poolSize`, `connectTimeoutMs`, `idleTimeoutMs`, `statementTimeoutMs`, `ssl`/`tls`,
   * `applicationName`, and `driverOptions` (given to the native client as they are).
   */
  options?: Record<string, unknown>;
}

const SCHEMES: ReadonlyArray<[RegExp, string]> = [
  [/^postgres(ql)?:\/\//i, 'postgresql'],
  [/^pglite:\/\//i, 'pglite'],
  [/^mongodb(\+srv)?:\/\//i, 'mongodb'],
  [/^(mysql|mariadb):\/\//i, 'mysql'],
  [/^sqlite:/i, 'sqlite'],
];

/** The database type a URL's scheme names, if any. */
export function typeFromUrl(url: string): string | undefined {
  return SCHEMES.find(([re]) => re.test(url))?.[1];
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
  if (!type) {
    throw new ConfigError(`database '${config.name}': cannot tell the database type from the URL scheme; set \`type\` (${supported.join(', ')})`);
  }
  if (config.type && fromUrl && config.type !== fromUrl) {
    throw new ConfigError(`database '${config.name}': type '${config.type}' does not match the URL scheme (${fromUrl})`);
  }
  if (!supported.includes(type)) {
    throw new ConfigError(`database '${config.name}': type '${type}' is not supported yet (supported: ${supported.join(', ')})`);
  }
  return { type, url };
}
