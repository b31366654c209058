import { ConfigError, ConnectionError, EssenciaError, QueryError, TransactionError, UniqueConstraintError, ValidationError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';

interface SqliteError {
  code?: string;
  message?: string;
}

/** `UNIQUE constraint failed: people.email, people.name` → the model properties of those columns (never values). */
function uniqueFields(meta: ModelMeta | undefined, message: string): string[] {
  if (!meta) return [];
  const columns = /constraint failed: (.*)$/.exec(message)?.[1]?.split(',').map((c) => c.trim().replace(/^[^.]*\./, '')) ?? [];
  return columns.flatMap((c) => {
    const field = meta.byColumn.get(c);
    return field ? [field.derivedFrom ?? field.property] : [];
  });
}

function schemaMissing(meta: ModelMeta | undefined, message: string, cause: unknown): ConfigError | undefined {
  const table = /no such table: (?:\w+\.)?(\S+)/.exec(message)?.[1];
  const column = /no such column: (\S+)|has no column named (\S+)/.exec(message);
  if (!table && !column) return undefined;
  const model = meta ? `${meta.name}: ` : '';
  const todo = `run \`db.sync()\`${meta ? ` on database '${meta.database}'` : ''} (or your migrations) first`;
  if (table) return new ConfigError(`${model}the table '${meta?.collection ?? table}' does not exist: ${todo}`, { code: 'SCHEMA_MISSING', cause });
  const name = (column![1] ?? column![2])!.replace(/^.*\./, '').replace(/^"|"$/g, '');
  const of = meta ? ` of table '${meta.collection}'` : '';
  return new ConfigError(`${model}the column '${name}'${of} does not exist (the table is older than the model): ${todo}`, { code: 'SCHEMA_MISSING', cause });
}

/**
 * Maps better-sqlite3's errors (`code` is SQLite's extended result code) to the EssenciaError family; the original
 * stays as `cause`. A busy or locked database (another connection holds the write lock past the busy timeout) is a
 * retryable TransactionError.
 */
export function convertSqliteError(error: unknown, meta?: ModelMeta): unknown {
  if (error instanceof EssenciaError || typeof error !== 'object' || error === null) return error;
  const e = error as SqliteError;
  const code = e.code ?? '';
  const message = e.message ?? '';
  if (!code.startsWith('SQLITE_')) return error;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new UniqueConstraintError(meta?.name, uniqueFields(meta, message), { cause: error });
  }
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') {
    const column = /NOT NULL constraint failed: (?:[^.]*\.)?(\S+)/.exec(message)?.[1] ?? '';
    const property = meta?.byColumn.get(column)?.property ?? column;
    return new ValidationError(meta?.name, { [property || 'unknown']: [`${property} is required`] }, { cause: error });
  }
  if (code === 'SQLITE_TOOBIG') {
    return new ValidationError(meta?.name, { value: ['a value is larger than SQLite stores'] }, { cause: error });
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new TransactionError(`the database is locked by another connection (${code}) past the busy timeout; run the transaction again`, {
      cause: error,
      retryable: true,
    });
  }
  if (code.startsWith('SQLITE_CANTOPEN') || code.startsWith('SQLITE_NOTADB') || code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_IOERR')) {
    return new ConnectionError(`the SQLite database cannot be used (${code}): ${message}`, { cause: error });
  }
  const schema = schemaMissing(meta, message, error);
  if (schema) return schema;
  return new QueryError(`SQLite refused the statement (${code}): ${message}`, { cause: error });
}
