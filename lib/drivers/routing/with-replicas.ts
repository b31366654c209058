import { ConfigError } from '../../errors';
import type { Driver, DriverConfig, DriverFactory } from '../driver';
import { READ_FROM, type ReadFrom } from './read-scope';
import { ReplicaSet } from './replica-set';
import { RoutingDriver } from './routing-driver';

/** The scale-out part of a database's configuration (see `DatabaseConfig`). */
export interface ReplicaConfig {
  readonly replicas?: readonly string[];
  readonly readFrom?: ReadFrom;
  readonly readYourWritesMs?: number;
  readonly maxReplicaLagMs?: number;
  readonly replicaCheckIntervalMs?: number;
}

const DEFAULTS = { readYourWritesMs: 1000, maxReplicaLagMs: 10_000, replicaCheckIntervalMs: 5000 };

/** host:port of a URL, never its credentials. */
function where(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
  } catch {
    return 'a replica';
  }
}

function duration(name: string, key: keyof typeof DEFAULTS, value: unknown): number {
  if (value === undefined) return DEFAULTS[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ConfigError(`database '${name}': ${key} must be a number of milliseconds >= 0`);
  }
  return value;
}

/**
 * The driver of a database: the primary's own, or, when `replicas` are configured, a {@link RoutingDriver} over the
 * primary and one driver per replica URL (of the same type, with the same options).
 */
export function withReplicas(primary: DriverConfig, replicas: ReplicaConfig, factory: DriverFactory): Driver {
  const { name } = primary;
  const readFrom = replicas.readFrom ?? 'primary';
  if (!READ_FROM.includes(readFrom)) throw new ConfigError(`database '${name}': readFrom must be 'primary' or 'replica'`);
  const urls = replicas.replicas ?? [];
  if (!Array.isArray(urls) || urls.some((u) => typeof u !== 'string' || u.length === 0)) {
    throw new ConfigError(`database '${name}': replicas must be a list of URLs`);
  }
  const policy = { readFrom, readYourWritesMs: duration(name, 'readYourWritesMs', replicas.readYourWritesMs) };
  const maxLagMs = duration(name, 'maxReplicaLagMs', replicas.maxReplicaLagMs);
  const checkIntervalMs = Math.max(10, duration(name, 'replicaCheckIntervalMs', replicas.replicaCheckIntervalMs));
  const driver = factory(primary);
  if (urls.length === 0) return driver;
  const set = new ReplicaSet(
    urls.map((url, i) => ({ driver: factory({ ...primary, name: `${name} (replica ${i + 1})`, url }), where: where(url) })),
    { maxLagMs, checkIntervalMs },
  );
  return new RoutingDriver(name, driver, set, policy);
}
