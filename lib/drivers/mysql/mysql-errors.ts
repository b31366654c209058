import { ConfigError, ConnectionError, EssenciaError, QueryError, TransactionError, UniqueConstraintError, ValidationError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';

/** The fields of mysql2's errors that essencia reads. */
interface MysqlError {
  code?: string;
  errno?: number;
  fatal?: boolean;
  sqlMessage?: string;
  message?: string;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR', 'ER_ACCESS_DENIED_ERROR', 'ER_SERVER_SHUTDOWN', 'POOL_CLOSED',
]);

/** The last quoted name of a server message (`Duplicate entry '…' for key 'people.email_idx'` → `email_idx`). */
function lastQuoted(message: string | undefined): string | undefined {
  const names = [...(message ?? '').matchAll(/'([^']*)'/g)].map((m) => m[1]!);
  return names.at(-1)?.split('.').at(-1);
}

/** Model property names of the unique index a 1062 names (never the duplicated value, which may be secret). */
function uniqueFields(meta: ModelMeta | undefined, key: string | undefined): string[] {
  if (!meta || !key) return [];
  if (key === 'PRIMARY') return ['id'];
  const index = meta.indexes.find((i) => i.name === key);
  return (index?.fields ?? []).map((p) => meta.byProperty.get(p)?.derivedFrom ?? p);
}

/** The property of the column a message names in backquotes or quotes (`Column 'x' cannot be null`). */
function fieldOf(meta: ModelMeta | undefined, message: string | undefined): string {
  const column = /[`'](\w+)[`']/.exec(message ?? '')?.[1] ?? 'value';
  const field = meta?.byColumn.get(column);
  return field ? (field.derivedFrom ?? field.property) : column;
}

function schemaMissing(meta: ModelMeta | undefined, what: string, error: unknown): ConfigError {
  const model = meta ? `${meta.name}: ` : '';
  const todo = `run \`db.sync()\`${meta ? ` on database '${meta.database}'` : ''} (or your migrations) first`;
  return new ConfigError(`${model}${what}: ${todo}`, { code: 'SCHEMA_MISSING', cause: error });
}

/** Maps MySQL / MariaDB and mysql2 errors to the EssenciaError family; the original stays as `cause`. */
export function convertMysqlError(error: unknown, meta?: ModelMeta): unknown {
  if (error instanceof EssenciaError || typeof error !== 'object' || error === null) return error;
  const e = error as MysqlError;
  const message = e.sqlMessage ?? e.message;
  switch (e.errno) {
    case 1062: {
      const key = lastQuoted(message);
      return new UniqueConstraintError(meta?.name, uniqueFields(meta, key), { cause: error, constraint: key });
    }
    case 1146:
      return schemaMissing(meta, `the table '${meta?.collection ?? lastQuoted(message) ?? 'a table'}' does not exist`, error);
    case 1054:
    {
      const column = /'([^']*)' in/.exec(message ?? '')?.[1]?.split('.').at(-1);
      const table = meta ? ` of table '${meta.collection}'` : '';
      return schemaMissing(meta, `the column ${column ? `'${column}'` : 'of a field'}${table} does not exist (the table is older than the model)`, error);
    }
    case 1049:
      return new ConnectionError(`database ${lastQuoted(message) ? `'${lastQuoted(message)}' ` : ''}does not exist (create it, or fix the URL)`, { cause: error });
    case 1048:
    case 1364: {
      const property = fieldOf(meta, message);
      return new ValidationError(meta?.name, { [property]: [`${property} is required`] }, { cause: error });
    }
    case 1406: {
      const property = fieldOf(meta, message);
      return new ValidationError(meta?.name, { [property]: [`${property} is longer than its column allows (set @Field({ length }) for an indexed string)`] }, { cause: error });
    }
    case 1264:
    case 1265:
    case 1292:
    case 1366:
    case 1367:
    case 3140:
    case 4025:
      return new ValidationError(meta?.name, { value: ['a value is out of range or malformed for its column'] }, { cause: error });
    case 1213:
      return new TransactionError('the server aborted the transaction: a deadlock with another transaction (1213); run it again', { cause: error, retryable: true });
    case 1205:
      return new TransactionError('a row lock was not granted within innodb_lock_wait_timeout (1205): another transaction holds it; run the transaction again', {
        cause: error,
        retryable: true,
      });
    case 1390:
      return new QueryError('the statement needs more than 65535 parameters (a very long $in list?): split the query', { cause: error });
    case 1969:
    case 3024:
      return new QueryError(`the statement was interrupted (${e.errno}): it ran longer than statementTimeoutMs (max_statement_time / max_execution_time)`, { cause: error });
    case 2006:
    case 2013:
      return new ConnectionError(`database connection failed (${e.errno})`, { cause: error });
  }
  if (e.fatal || CONNECTION_CODES.has(e.code ?? '')) return new ConnectionError(`database connection failed (${e.code ?? e.errno ?? 'closed'})`, { cause: error });
  return error;
}
