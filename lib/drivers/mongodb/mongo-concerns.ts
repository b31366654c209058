import type { CollectionOptions, MongoClientOptions, ReadPreferenceMode } from 'mongodb';
import { ConfigError } from '../../errors';

const READ_PREFERENCES = ['primary', 'primaryPreferred', 'secondary', 'secondaryPreferred', 'nearest'];
const READ_CONCERNS = ['local', 'available', 'majority', 'linearizable', 'snapshot'];

/** The concerns a database (`options`) or a model (`@Model()`) may set. */
export interface MongoConcerns {
  readonly readPreference?: unknown;
  readonly readConcern?: unknown;
  readonly writeConcern?: unknown;
}

function writeConcernOf(where: string, value: unknown): { w?: number | 'majority'; j?: boolean; wtimeoutMS?: number } {
  const wc = value as Record<string, unknown>;
  const valid =
    typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Object.keys(wc).every((k) => ['w', 'j', 'wtimeoutMS'].includes(k)) &&
    (wc.w === undefined || wc.w === 'majority' || (Number.isInteger(wc.w) && (wc.w as number) >= 0)) &&
    (wc.j === undefined || typeof wc.j === 'boolean') &&
    (wc.wtimeoutMS === undefined || (Number.isInteger(wc.wtimeoutMS) && (wc.wtimeoutMS as number) >= 0));
  if (!valid) throw new ConfigError(`${where}: writeConcern must be { w?: number | 'majority', j?: boolean, wtimeoutMS?: number }`);
  return wc as { w?: number | 'majority'; j?: boolean; wtimeoutMS?: number };
}

/**
 * Checks read preference, read concern and write concern and turns them into MongoClient / Collection options.
 * `where` names the database or model in errors.
 *
 * @example
 * concernOptions("database 'docs'", { readPreference: 'secondaryPreferred', writeConcern: { w: 'majority' } });
 */
export function concernOptions(where: string, concerns: MongoConcerns): CollectionOptions & MongoClientOptions {
  const out: CollectionOptions & MongoClientOptions = {};
  const { readPreference, readConcern, writeConcern } = concerns;
  if (readPreference !== undefined) {
    if (typeof readPreference !== 'string' || !READ_PREFERENCES.includes(readPreference)) {
      throw new ConfigError(`${where}: readPreference must be one of ${READ_PREFERENCES.join(', ')}`);
    }
    out.readPreference = readPreference as ReadPreferenceMode;
  }
  if (readConcern !== undefined) {
    if (typeof readConcern !== 'string' || !READ_CONCERNS.includes(readConcern)) {
      throw new ConfigError(`${where}: readConcern must be one of ${READ_CONCERNS.join(', ')}`);
    }
    out.readConcern = { level: readConcern as 'majority' };
  }
  if (writeConcern !== undefined) out.writeConcern = writeConcernOf(where, writeConcern);
  return out;
}
