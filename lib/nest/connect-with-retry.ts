import type { Database } from '../database/database';
import { ConfigError } from '../errors';
import type { EssenciaRetryOptions } from './module-options';

/** Where retries are reported (Nest's `Logger` fits). */
export interface RetryLog {
  warn(message: string): void;
}

const DEFAULT_DELAY_MS = 1000;

/**
 * The message of an error and of its causes, for logs: "connection refused (cause: connect ECONNREFUSED 127.0.0.1:1)".
 * A password written in a URL (`//user:secret@`) is replaced by `***` should a driver message carry one.
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const text = e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e);
    if (!parts.includes(text)) parts.push(text);
    if (!(e instanceof Error)) break;
  }
  const text = parts.join(' (cause: ') + ')'.repeat(Math.max(0, parts.length - 1));
  return text.replace(/\/\/([^:/@\s]*):[^@\s]*@/g, '//$1:***@');
}

/** Checks `retry` before anything connects. */
export function checkRetryOptions(retry: EssenciaRetryOptions | undefined): void {
  if (retry === undefined) return;
  if (!Number.isInteger(retry.attempts) || retry.attempts < 1) {
    throw new ConfigError(`EssenciaModule: retry.attempts must be an integer >= 1 (tries in all, the first included), got ${String(retry.attempts)}`);
  }
  if (retry.delayMs !== undefined && (!Number.isFinite(retry.delayMs) || retry.delayMs < 0)) {
    throw new ConfigError(`EssenciaModule: retry.delayMs must be a number >= 0, got ${String(retry.delayMs)}`);
  }
}

/**
 * Connects `database`, trying up to `retry.attempts` times. With retries, each failure is logged with its cause;
 * when the last try fails its error is thrown as it is (the driver's error stays the `cause`), never a generic one.
 */
export async function connectWithRetry(database: Database, retry: EssenciaRetryOptions | undefined, log: RetryLog): Promise<void> {
  const attempts = retry?.attempts ?? 1;
  const delayMs = retry?.delayMs ?? DEFAULT_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await database.connect();
      return;
    } catch (error) {
      if (attempts === 1) throw error;
      const next = attempt < attempts ? `retrying in ${delayMs} ms` : 'giving up';
      log.warn(`cannot connect to database '${database.name}' (attempt ${attempt} of ${attempts}), ${next}: ${describeError(error)}`);
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
