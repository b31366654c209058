import { ConnectionError } from '../../errors';

/** A ConnectionError that says where (host, port, database) and why, never with credentials. */
export function connectionFailed(kind: string, url: string, databaseName: string | undefined, cause: unknown): ConnectionError {
  let where = 'the server';
  try {
    const parsed = new URL(url);
    const db = databaseName ?? parsed.pathname.replace(/^\//, '');
    where = `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${db ? `/${db}` : ''}`;
  } catch {
    // An unparsable URL: say nothing of it, it may contain a password.
  }
  const reason = (cause as { code?: string })?.code ?? (cause as Error)?.message ?? 'unknown error';
  return new ConnectionError(`cannot connect to ${kind} at ${where}: ${reason}`, { cause });
}
