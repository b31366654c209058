import { ConnectionError } from '../../errors';
import { missingDatabase } from './pg-schema-errors';

/** A ConnectionError that says where (host, port, database) and why, never with credentials. */
export function connectionFailed(kind: string, url: string, databaseName: string | undefined, cause: unknown): ConnectionError {
  let where = 'the server';
  let db = databaseName;
  try {
    const parsed = new URL(url);
    db ??= decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
    where = `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${db ? `/${db}` : ''}`;
  } catch {
    // An unparsable URL: say nothing of it, it may contain a password.
  }
  const code = (cause as { code?: string })?.code;
  const reason = code === '3D000' ? missingDatabase(db, cause).message : (code ?? (cause as Error)?.message ?? 'unknown error');
  return new ConnectionError(`cannot connect to ${kind} at ${where}: ${reason}`, { cause });
}
