import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { ConfigError, QueryError } from '../errors';

const ENV_SECRET = 'ESSENCIA_CURSOR_SECRET';

let configured: Buffer | undefined;
let processSecret: Buffer | undefined;

/**
 * Sets the secret that signs `cursorPage` cursors (a string or bytes; `undefined` goes back to the default). By
 * default it is `ESSENCIA_CURSOR_SECRET`, or else a random secret per process: then a cursor is only good in the
 * process that made it, so set one secret on every instance of an app behind a load balancer.
 *
 * @example
 * configureCursorSecret(process.env.APP_CURSOR_SECRET);
 */
export function configureCursorSecret(secret: string | Uint8Array | undefined): void {
  if (secret !== undefined && secret.length === 0) throw new ConfigError('configureCursorSecret: the secret cannot be empty');
  configured = secret === undefined ? undefined : Buffer.from(secret);
}

function secret(): Buffer {
  if (configured) return configured;
  const fromEnv = process.env[ENV_SECRET];
  if (fromEnv) return Buffer.from(fromEnv);
  return (processSecret ??= randomBytes(32));
}

const mac = (scope: string, body: string): Buffer => createHmac('sha256', secret()).update(`${scope}\u0000${body}`).digest();

/** The values of a cursor, JSON with dates as `{ $date: milliseconds }`. */
export type CursorValue = string | number | boolean | null | Date;

function toJson(value: CursorValue): unknown {
  return value instanceof Date ? { $date: value.getTime() } : value;
}

function fromJson(value: unknown): CursorValue {
  if (value !== null && typeof value === 'object') {
    const ms = (value as { $date?: unknown }).$date;
    if (typeof ms !== 'number') throw new Error('not a cursor value');
    return new Date(ms);
  }
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as CursorValue;
  throw new Error('not a cursor value');
}

/** An opaque cursor for `values`, signed together with `scope` (what query it belongs to). */
export function encodeCursor(scope: string, values: readonly CursorValue[]): string {
  const body = Buffer.from(JSON.stringify(values.map(toJson))).toString('base64url');
  return `${body}.${mac(scope, body).toString('base64url')}`;
}

/** The values of a cursor made by {@link encodeCursor} for the same scope; anything else is a QueryError. */
export function decodeCursor(scope: string, cursor: unknown, count: number): CursorValue[] {
  const refuse = () =>
    new QueryError(
      `cursorPage: the cursor is not one this query made (changed, from another query or sort, or from another process without a shared ${ENV_SECRET})`,
    );
  if (typeof cursor !== 'string') throw refuse();
  const [body, signature, extra] = cursor.split('.');
  if (!body || !signature || extra !== undefined) throw refuse();
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(scope, body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse();
  try {
    const values = JSON.parse(Buffer.from(body, 'base64url').toString()) as unknown;
    if (!Array.isArray(values) || values.length !== count) throw refuse();
    return values.map(fromJson);
  } catch {
    throw refuse();
  }
}
