import { assertModelReady } from '../database/model-readiness';
import type { Database } from '../database/database';
import { DatabaseFactory } from '../database/database-factory';
import type { Answer, Driver, TransactionHandle } from '../drivers/driver';
import { modelMeta } from '../metadata/model-meta';
import type { ModelMeta } from '../metadata/types';
import { ensureReadScope } from '../drivers/routing/read-scope';
import { currentTransaction } from '../transaction/context';
import { settle } from '../util/settle';

/** Everything one model operation needs: metadata, its database and driver, and the ambient transaction. */
export interface OpContext {
  readonly meta: ModelMeta;
  readonly db: Database;
  readonly driver: Driver;
  readonly tx: TransactionHandle | undefined;
}

/**
 * Resolves a model class to its database (connecting on first use) and the transaction open on it, if any.
 * A promise only while the database still connects: once connected, hot paths skip the await (each promise
 * costs more than the rest of an in-process operation while async hooks are on).
 */
export function opContext(ctor: Function): OpContext | Promise<OpContext> {
  const meta = modelMeta(ctor);
  const db = DatabaseFactory.getDatabase(meta.database);
  // Opening a scope turns on async-context tracking for the whole process: only for drivers that keep state in it.
  if (db.driver.usesReadScope) ensureReadScope();
  if (db.isConnected) return contextOn(meta, db);
  return db.ready().then(() => contextOn(meta, db));
}

function contextOn(meta: ModelMeta, db: Database): OpContext {
  const driver = db.driverOf(meta);
  assertModelReady(meta, driver);
  return { meta, db, driver, tx: currentTransaction(meta.database) };
}

/**
 * Runs a driver call, mapping native errors to the EssenciaError family, then `after` on its result (what the
 * operation makes of it: instances, a check); outside a transaction the call counts as work of its database
 * (`close()` waits for it). One derived promise does all of it: each promise is costly while async hooks are on.
 */
export function guarded<T, R = T>(ctx: OpContext, call: () => Answer<T>, after?: (value: T) => R | Promise<R>): Promise<R> {
  const work = ctx.tx === undefined ? ctx.db.inFlight : undefined;
  const refused = work?.enter();
  if (refused) return Promise.reject(refused);
  let running: Answer<T>;
  try {
    running = call();
  } catch (error) {
    work?.leave();
    return Promise.reject(ctx.driver.convertError(error, ctx.meta));
  }
  // A promise of another realm (a driver loaded outside jest's sandbox) is still a promise.
  if (typeof (running as Partial<Promise<T>> | undefined)?.then !== 'function') {
    // Answered at once (an in-process database): no promise to wait for.
    work?.leave();
    if (!after) return Promise.resolve(running as unknown as R);
    try {
      return Promise.resolve(after(running as T));
    } catch (error) {
      return Promise.reject(error);
    }
  }
  return (running as Promise<T>).then(
    (value) => {
      work?.leave();
      return after ? after(value) : (value as unknown as R);
    },
    (error: unknown) => {
      work?.leave();
      throw ctx.driver.convertError(error, ctx.meta);
    },
  );
}

/** Runs `then` on the context, at once when the database is connected (no promise), else once it is. */
export function withContext<R>(ctor: Function, then: (ctx: OpContext) => Promise<R>): Promise<R> {
  return settle(() => {
    const ctx = opContext(ctor);
    return ctx instanceof Promise ? ctx.then(then) : then(ctx);
  });
}

/** The same context with the transaction that is ambient now (inside a `transaction()` callback). */
export function joinAmbient(ctx: OpContext): OpContext {
  const tx = currentTransaction(ctx.meta.database);
  return tx === ctx.tx ? ctx : { ...ctx, tx };
}
