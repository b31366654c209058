import { ConfigError } from '../errors';
import type { Database } from '../database/database';
import type { TransactionOptions } from '../database/transaction-options';
import { DatabaseFactory } from '../database/database-factory';

function databaseFor(name: string | undefined, where: string): Database {
  if (name !== undefined) return DatabaseFactory.getDatabase(name);
  const all = DatabaseFactory.databases();
  if (all.length === 1) return all[0]!;
  throw new ConfigError(
    `@Transactional() on ${where}: ${all.length === 0 ? 'no database is registered' : `${all.length} databases are registered (${all.map((d) => d.name).join(', ')})`}; ` +
      "name the one to use, e.g. @Transactional('pg_main')",
  );
}

/**
 * Runs the method's body in `db.transaction()`: every model operation on that database inside it (however deep
 * the calls go) joins the transaction; it commits when the method resolves and rolls back when it throws. A
 * transactional method called from another one on the same database runs in a savepoint. Works on any class
 * (services, controllers), with no request-scoped provider.
 *
 * `databaseName` may be left out only when the process has exactly one database registered; otherwise the call
 * throws a ConfigError asking for it. `options` are `db.transaction()`'s: `{ retries: n }` runs the whole method
 * again when the server aborts the transaction over a conflict (a retryable TransactionError).
 *
 * @example
 * @Transactional('clinic_db')
 * async book(dto: BookingDto) { const a = await Appointment.create(dto); await Payment.create({ appointmentId: a.id, ... }); }
 *
 * @Transactional('clinic_db', { retries: 3 })
 * async transfer(from: string, to: string, cents: number) { ... }
 */
export function Transactional(databaseName?: string, options?: TransactionOptions): MethodDecorator {
  if (databaseName !== undefined && (typeof databaseName !== 'string' || databaseName.length === 0)) {
    throw new ConfigError('@Transactional(databaseName): databaseName must be a non-empty string');
  }
  return (target, key, descriptor) => {
    const original = descriptor.value as unknown;
    const where = `${(typeof target === 'function' ? target : target.constructor).name}.${String(key)}`;
    if (typeof original !== 'function') throw new ConfigError(`@Transactional() on ${where}: only methods can be transactional`);
    const wrapped = async function (this: unknown, ...args: unknown[]): Promise<unknown> {
      return databaseFor(databaseName, where).transaction(async () => original.apply(this, args), options);
    };
    Object.defineProperty(wrapped, 'name', { value: original.name });
    // Decorators applied before this one (Nest's @Post, @UseGuards...) stored their metadata on the original.
    for (const metaKey of Reflect.getOwnMetadataKeys(original)) {
      Reflect.defineMetadata(metaKey, Reflect.getOwnMetadata(metaKey, original), wrapped);
    }
    descriptor.value = wrapped as never;
    return descriptor;
  };
}
