import { ConnectionError, EssenciaError, QueryError, TransactionError, UniqueConstraintError, ValidationError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';
import { convertSchemaError } from './pg-schema-errors';

interface PgError {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  column?: string;
  column_name?: string;
  detail?: string;
  message?: string;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', '57P01', '57P02', '57P03']);

/** Model property names for the columns of a unique index, from its name or the error detail (never the values). */
function uniqueFields(meta: ModelMeta | undefined, error: PgError): string[] {
  if (!meta) return [];
  const constraint = error.constraint ?? error.constraint_name;
  const index = meta.indexes.find((i) => i.name === constraint);
  const properties = index ? [...index.fields] : constraint === `${meta.collection}_pkey` ? ['id'] : [];
  if (properties.length === 0) {
    const cols = /Key \(([^)]*)\)=/.exec(error.detail ?? '')?.[1];
    for (const col of cols?.split(',').map((c) => c.trim().replace(/^"|"$/g, '')) ?? []) {
      const field = meta.byColumn.get(col);
      if (field) properties.push(field.property);
    }
  }
  return properties.map((p) => meta.byProperty.get(p)?.derivedFrom ?? p);
}

/** Maps PostgreSQL / client errors to the EssenciaError family; the original stays as `cause`. */
export function convertSqlError(error: unknown, meta?: ModelMeta): unknown {
  if (error instanceof EssenciaError || typeof error !== 'object' || error === null) return error;
  const e = error as PgError;
  const code = e.code ?? '';
  const schema = convertSchemaError(code, e, meta);
  if (schema) return schema;
  if (code === '23505') {
    const fields = uniqueFields(meta, e);
    return new UniqueConstraintError(meta?.name, fields, { cause: error, constraint: e.constraint ?? e.constraint_name });
  }
  if (code === '23502') {
    const column = e.column ?? e.column_name ?? '';
    const property = meta?.byColumn.get(column)?.property ?? column;
    return new ValidationError(meta?.name, { [property || 'unknown']: [`${property} is required`] }, { cause: error });
  }
  if (code === '22003' || code === '22P02' || code === '22007' || code === '22008') {
    return new ValidationError(meta?.name, { value: ['a value is out of range or malformed for its column'] }, { cause: error });
  }
  if (code === '22021' || code === '22P05') {
    return new ValidationError(meta?.name, { value: ['a value holds a NUL character or text PostgreSQL cannot store'] }, { cause: error });
  }
  if (code === '22009') {
    return new ValidationError(meta?.name, { value: ['a date is outside the range PostgreSQL stores'] }, { cause: error });
  }
  if (code === '54000') {
    return new ValidationError(meta?.name, { value: ['a value is too large for its index'] }, { cause: error });
  }
  if (code === '40001' || code === '40P01') {
    const what = code === '40P01' ? 'a deadlock with another transaction' : 'a serialization failure (a concurrent transaction changed the same rows)';
    return new TransactionError(`the server aborted the transaction: ${what} (${code}); run it again`, { cause: error, retryable: true });
  }
  if (code === '55P03') {
    return new TransactionError('a row or table lock was not granted within lock_timeout (55P03): another transaction holds it; run the transaction again', { cause: error, retryable: true });
  }
  if (code === '57014') {
    return new QueryError('the statement was cancelled (57014): it ran longer than statementTimeoutMs (statement_timeout), or was cancelled by an administrator', { cause: error });
  }
  if (CONNECTION_CODES.has(code) || code.startsWith('08')) {
    return new ConnectionError(`database connection failed (${code})`, { cause: error });
  }
  return error;
}
