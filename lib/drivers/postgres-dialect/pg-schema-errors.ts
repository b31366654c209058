import { ConfigError, ConnectionError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';

/** The first double-quoted name of a server message (`relation "persons" does not exist`). */
const quotedName = (message: unknown): string | undefined => (typeof message === 'string' ? /"([^"]+)"/.exec(message)?.[1] : undefined);

/**
 * A missing database (3D000): what to do about it. `name` is the database asked for, when known.
 *
 * @example
 * missingDatabase('shop', pgError); // ConnectionError: database 'shop' does not exist (create it, or fix the URL)
 */
export function missingDatabase(name: string | undefined, cause: unknown): ConnectionError {
  const which = name ?? quotedName((cause as { message?: unknown })?.message);
  return new ConnectionError(`database ${which ? `'${which}' ` : ''}does not exist (create it, or fix the URL)`, { cause });
}

/**
 * Errors of a schema that is missing or older than the models: a table that does not exist (42P01), a column
 * that does not exist (42703), a database that does not exist (3D000). A missing table or column is a
 * `ConfigError` (code `SCHEMA_MISSING`): a set-up step was skipped, no query or data is at fault. Other codes: undefined.
 */
export function convertSchemaError(code: string, error: { message?: unknown }, meta: ModelMeta | undefined): ConfigError | ConnectionError | undefined {
  if (code === '3D000') return missingDatabase(undefined, error);
  if (code !== '42P01' && code !== '42703') return undefined;
  const model = meta ? `${meta.name}: ` : '';
  const todo = `run \`db.sync()\`${meta ? ` on database '${meta.database}'` : ''} (or your migrations) first`;
  if (code === '42P01') {
    const table = meta?.collection ?? quotedName(error.message) ?? 'a table';
    return new ConfigError(`${model}the table '${table}' does not exist: ${todo}`, { code: 'SCHEMA_MISSING', cause: error });
  }
  const column = quotedName(error.message);
  const table = meta ? ` of table '${meta.collection}'` : '';
  return new ConfigError(`${model}the column ${column ? `'${column}'` : 'of a field'}${table} does not exist (the table is older than the model): ${todo}`, {
    code: 'SCHEMA_MISSING',
    cause: error,
  });
}
