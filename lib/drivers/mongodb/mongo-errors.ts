import { ConnectionError, EssenciaError, QueryError, TransactionError, UniqueConstraintError } from '../../errors';
import type { ModelMeta } from '../../metadata/types';
import { convertMongoSchemaError } from './mongo-schema-errors';
import { MONGO_ID } from './mongo-values';

/** Server codes of a duplicate key (11000; 11001 and 12582 from older servers / mongos). */
const DUPLICATE_KEY_CODES = new Set([11000, 11001, 12582]);

/** Driver errors that mean the server cannot be reached or the client is gone. */
const CONNECTION_ERROR_NAMES = new Set([
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  'MongoServerClosedError',
  'MongoClientClosedError',
  'MongoPoolClosedError',
  'MongoWaitQueueTimeoutError',
]);

type Loose = Record<string, unknown>;

const asObject = (value: unknown): Loose | undefined => (typeof value === 'object' && value !== null ? (value as Loose) : undefined);

/** Node's own socket errors, which the driver sometimes passes on unwrapped (a write on a socket the server closed). */
const SOCKET_ERROR_CODES = new Set(['EPIPE', 'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'ETIMEDOUT', 'ENOTCONN', 'ERR_SOCKET_CLOSED']);

/** Whether the driver's class of `o` derives from MongoNetworkError (pool-cleared errors carry names of their own). */
function derivesFromNetworkError(o: Loose): boolean {
  for (let proto = Object.getPrototypeOf(o); proto; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === 'MongoNetworkError') return true;
  }
  return false;
}

function isNetworkError(o: Loose | undefined): boolean {
  if (!o) return false;
  return (
    (typeof o.name === 'string' && CONNECTION_ERROR_NAMES.has(o.name)) ||
    (typeof o.code === 'string' && SOCKET_ERROR_CODES.has(o.code)) ||
    derivesFromNetworkError(o)
  );
}

/**
 * Whether an error is a MongoDB network / server-selection failure, also when a bulk write wraps it (a
 * MongoBulkWriteError keeps the error it was made from as `errorResponse`, and copies its `code`).
 */
export function isConnectionFailure(error: unknown): boolean {
  const o = asObject(error);
  return isNetworkError(o) || isNetworkError(asObject(o?.errorResponse));
}

/** Removes `user:password@` from anything that looks like a URL. */
export function redact(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/gi, '$1***@');
}

/** A ConnectionError naming `hosts` (never credentials), with the original as cause. */
export function connectionError(hosts: string, error: unknown, doing = 'cannot reach the server'): ConnectionError {
  const reason = error instanceof Error ? redact(error.message) : 'unknown error';
  return new ConnectionError(`MongoDB at ${hosts}: ${doing} (${reason})`, { cause: error });
}

/** The raw parts of a duplicate-key error: top level, `errorResponse`, and each bulk write error. */
function duplicateParts(error: Loose): Loose[] {
  const parts: Loose[] = [error];
  const response = asObject(error.errorResponse);
  if (response) parts.push(response);
  const writeErrors = Array.isArray(error.writeErrors) ? error.writeErrors : [];
  for (const w of writeErrors) {
    const entry = asObject(w);
    if (entry) parts.push(asObject(entry.err) ?? entry);
  }
  return parts;
}

/** Key names (columns) from `keyPattern` / `keyValue`: their keys only, never their values. */
function duplicateKeys(parts: Loose[]): string[] | undefined {
  for (const part of parts) {
    for (const source of [part.keyPattern, part.keyValue]) {
      const o = asObject(source);
      if (o && Object.keys(o).length > 0) return Object.keys(o);
    }
  }
  return undefined;
}

/** The index named in an `E11000 ... index: <name> dup key: ...` message. */
function duplicateIndex(parts: Loose[]): string | undefined {
  for (const part of parts) {
    for (const text of [part.errmsg, part.message]) {
      const m = typeof text === 'string' ? /index: (\S+)/.exec(text) : null;
      if (m) return m[1];
    }
  }
  return undefined;
}

/** A document key → the model property it stores (a blind index → the field it is derived from). */
function propertyOf(meta: ModelMeta | undefined, column: string): string {
  if (!meta) return column;
  if (column === MONGO_ID) return meta.id.property;
  const root = column.split('.', 1)[0]!;
  const field = meta.byColumn.get(column) ?? meta.byColumn.get(root);
  if (!field) return column;
  return field.derivedFrom ?? field.property;
}

/** The UniqueConstraintError for a duplicate-key error: fields are property names, values are never included. */
function uniqueError(error: Loose, meta: ModelMeta | undefined): UniqueConstraintError {
  const parts = duplicateParts(error);
  const index = duplicateIndex(parts);
  let fields: string[] = [];
  const keys = duplicateKeys(parts);
  if (keys) fields = keys.map((k) => propertyOf(meta, k));
  else if (index === '_id_' && meta) fields = [meta.id.property];
  else if (index && meta) {
    const declared = meta.indexes.find((i) => i.name === index);
    if (declared) fields = declared.fields.map((p) => meta.byProperty.get(p)?.derivedFrom ?? p);
  }
  return new UniqueConstraintError(meta?.name, [...new Set(fields)], { cause: error, constraint: index });
}

/** Whether an error (or a bulk write error inside it) is a duplicate key. */
export function isDuplicateKey(error: unknown): boolean {
  const o = asObject(error);
  if (!o) return false;
  return duplicateParts(o).some((p) => typeof p.code === 'number' && DUPLICATE_KEY_CODES.has(p.code));
}

/** Whether the server labelled an error TransientTransactionError (a write conflict: the whole transaction may be rerun). */
function isTransient(error: Loose): boolean {
  if (typeof error.hasErrorLabel === 'function') return (error.hasErrorLabel as (l: string) => boolean).call(error, 'TransientTransactionError');
  return Array.isArray(error.errorLabels) && error.errorLabels.includes('TransientTransactionError');
}

/**
 * Maps a MongoDB error to the EssenciaError family, keeping it as `cause`: duplicate keys (11000) →
 * UniqueConstraintError naming model properties; network and server-selection failures → ConnectionError;
 * a TransientTransactionError (a write conflict) → retryable TransactionError; a `maxTimeMS` expiry (50) → QueryError.
 * Anything else (including EssenciaErrors) is returned unchanged.
 *
 * @example
 * try { await coll.insertOne(doc); } catch (e) { throw convertMongoError(e, meta, '127.0.0.1:27017'); }
 */
export function convertMongoError(error: unknown, meta: ModelMeta | undefined, hosts: string): unknown {
  if (error instanceof EssenciaError) return error;
  const o = asObject(error);
  if (!o) return error;
  if (isDuplicateKey(o)) return uniqueError(o, meta);
  if (isConnectionFailure(o)) return connectionError(hosts, o, 'the connection failed');
  if (isTransient(o)) {
    const reason = redact(String(o.message ?? o.codeName ?? 'write conflict'));
    return new TransactionError(`MongoDB aborted the transaction over a conflict with another (${reason}); run it again`, { cause: error, retryable: true });
  }
  if (o.code === 50 || o.codeName === 'MaxTimeMSExpired') {
    return new QueryError('MongoDB cancelled the operation: it ran past its time limit (maxTimeMS, code 50)', { cause: error });
  }
  return convertMongoSchemaError(o, meta) ?? error;
}
