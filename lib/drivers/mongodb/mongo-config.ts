import type { MongoClientOptions } from 'mongodb';
import { ConfigError } from '../../errors';
import type { DriverConfig } from '../driver';
import { concernOptions } from './mongo-concerns';

/** What the MongoDB driver needs from a DriverConfig, settled once. */
export interface MongoSettings {
  readonly url: string;
  readonly databaseName: string;
  /** `host:port[,host:port]` for messages; never user name or password. */
  readonly hosts: string;
  readonly clientOptions: MongoClientOptions;
}

/** Default for `connectTimeoutMS` and `serverSelectionTimeoutMS` (the driver's own default is 30 s). */
export const DEFAULT_TIMEOUT_MS = 10_000;
const SCHEME = /^mongodb(\+srv)?:\/\//i;

/** The authority of a MongoDB URL without credentials: `mongodb://u:p@a:1,b:2/db` → `a:1,b:2`. */
export function hostsOf(url: string): string {
  const rest = url.replace(SCHEME, '');
  const authority = rest.split(/[/?#]/, 1)[0] ?? '';
  const at = authority.lastIndexOf('@');
  return (at >= 0 ? authority.slice(at + 1) : authority) || 'localhost';
}

/** The database named by a MongoDB URL's path, if any. */
export function databaseOf(url: string): string | undefined {
  const rest = url.replace(SCHEME, '');
  const slash = rest.search(/[/?#]/);
  if (slash < 0 || rest[slash] !== '/') return undefined;
  const path = rest.slice(slash + 1).split(/[?#]/, 1)[0] ?? '';
  return path ? decodeURIComponent(path) : undefined;
}

function positiveInt(config: DriverConfig, key: string): number | undefined {
  const value = config.options[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new ConfigError(`database '${config.name}': options.${key} must be a positive integer`);
  }
  return value;
}

function object(config: DriverConfig, key: string): Record<string, unknown> | undefined {
  const value = config.options[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ConfigError(`database '${config.name}': options.${key} must be an object`);
  }
  return value as Record<string, unknown>;
}

/** `tls: true`, or `tls: { caFile, certificateKeyFile, certificateKeyFilePassword, allowInvalidCertificates, allowInvalidHostnames, ca, cert, key }`. */
function tlsOptions(config: DriverConfig): MongoClientOptions {
  const raw = config.options.tls ?? config.options.ssl;
  if (raw === undefined || raw === null) return {};
  if (typeof raw === 'boolean') return { tls: raw };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError(`database '${config.name}': options.tls must be a boolean or an object`);
  }
  const t = raw as Record<string, unknown>;
  const out: Record<string, unknown> = { tls: true };
  const renames: Record<string, string> = {
    caFile: 'tlsCAFile',
    certificateKeyFile: 'tlsCertificateKeyFile',
    certificateKeyFilePassword: 'tlsCertificateKeyFilePassword',
    allowInvalidCertificates: 'tlsAllowInvalidCertificates',
    allowInvalidHostnames: 'tlsAllowInvalidHostnames',
    insecure: 'tlsInsecure',
  };
  for (const [key, value] of Object.entries(t)) {
    if (value !== undefined) out[renames[key] ?? key] = value;
  }
  return out as MongoClientOptions;
}

/**
 * Settles URL, database name and MongoClient options. `poolSize` → `maxPoolSize`, `connectTimeoutMs` →
 * `connectTimeoutMS` and `serverSelectionTimeoutMS` (default 10 s), `idleTimeoutMs` → `maxIdleTimeMS`,
 * `applicationName` → `appName`, `tls`/`ssl`, `readPreference` / `readConcern` (a level) / `writeConcern`
 * (`{ w, j, wtimeoutMS }`) for operations outside transactions; `driverOptions` is passed to MongoClient as it is (and wins).
 *
 * @example
 * mongoSettings({ name: 'docs', type: 'mongodb', url: 'mongodb://127.0.0.1/app', options: { poolSize: 5 } });
 * // { databaseName: 'app', clientOptions: { maxPoolSize: 5, ... }, ... }
 */
export function mongoSettings(config: DriverConfig): MongoSettings {
  const url = config.url;
  if (typeof url !== 'string' || !SCHEME.test(url)) {
    throw new ConfigError(`database '${config.name}': a MongoDB URL starts with mongodb:// or mongodb+srv://`);
  }
  const databaseName = config.databaseName || databaseOf(url) || 'essencia';
  if (/[/\\. "$*<>:|?\0]/.test(databaseName)) {
    throw new ConfigError(`database '${config.name}': '${databaseName}' is not a valid MongoDB database name`);
  }
  const timeout = positiveInt(config, 'connectTimeoutMs') ?? DEFAULT_TIMEOUT_MS;
  const poolSize = positiveInt(config, 'poolSize');
  const idle = positiveInt(config, 'idleTimeoutMs');
  const appName = config.options.applicationName;
  const clientOptions: MongoClientOptions = {
    connectTimeoutMS: timeout,
    serverSelectionTimeoutMS: timeout,
    appName: typeof appName === 'string' ? appName : 'essencia',
    ...(poolSize !== undefined && { maxPoolSize: poolSize }),
    ...(idle !== undefined && { maxIdleTimeMS: idle }),
    ...tlsOptions(config),
    ...concernOptions(`database '${config.name}'`, config.options),
    ...(object(config, 'driverOptions') as MongoClientOptions | undefined),
  };
  return { url, databaseName, hosts: hostsOf(url), clientOptions };
}
