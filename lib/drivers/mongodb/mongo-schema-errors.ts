import { ConfigError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';

/** NamespaceNotFound, and OperationNotSupportedInTransaction (a collection created inside a transaction, before 4.4). */
const NAMESPACE_NOT_FOUND = 26;
const NOT_IN_TRANSACTION = 263;

/**
 * MongoDB creates a collection on its first write, so a model used before `db.sync()` reads nothing and writes
 * into a new collection without its indexes (no `@Unique()` yet). The server refuses only two cases, both mapped
 * here to a `ConfigError` (code `SCHEMA_MISSING`) saying to sync: an operation that needs the collection to exist
 * (26), and a first write inside a transaction on a server older than 4.4 (263). Anything else: undefined.
 */
export function convertMongoSchemaError(error: { code?: unknown; message?: unknown }, meta: ModelMeta | undefined): ConfigError | undefined {
  const message = typeof error.message === 'string' ? error.message : '';
  const inTransaction = error.code === NOT_IN_TRANSACTION && /namespace|collection/i.test(message);
  if (error.code !== NAMESPACE_NOT_FOUND && !inTransaction) return undefined;
  const model = meta ? `${meta.name}: ` : '';
  const collection = meta ? `'${meta.collection}' ` : '';
  const why = inTransaction ? 'cannot be created inside a transaction on this server' : 'does not exist';
  const sync = `run \`db.sync()\`${meta ? ` on database '${meta.database}'` : ''} first`;
  return new ConfigError(`${model}the collection ${collection}${why}: ${sync}`, { code: 'SCHEMA_MISSING', cause: error });
}
