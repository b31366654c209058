import { assertModelReady } from '../database/model-readiness';
import type { Database } from '../database/database';
import { DatabaseFactory } from '../database/database-factory';
import type { Driver, TransactionHandle } from '../drivers/driver';
import { modelMeta } from '../metadata/model-meta';
import type { ModelMeta } from '../metadata/types';
import { ensureReadScope } from '../drivers/routing/read-scope';
import { currentTransaction } from '../transaction/context';

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
  ensureReadScope();
  const meta = modelMeta(ctor);
  const db = DatabaseFactory.getDatabase(meta.database);
  if (db.isConnected) return contextOn(meta, db, db.modelDriver);
  return db.ready().then((driver) => contextOn(meta, db, driver));
}

function contextOn(meta: ModelMeta, db: Database, driver: Driver): OpContext {
  assertModelReady(meta, driver);
  return { meta, db, driver, tx: currentTransaction(meta.database) };
}

/** Runs a driver call, mapping native errors to the EssenciaError family. */
export function guarded<R>(ctx: OpContext, call: () => Promise<R>): Promise<R> {
  const converted = (error: unknown): never => {
    throw ctx.driver.convertError(error, ctx.meta);
  };
  let running: Promise<R>;
  try {
    running = ctx.tx === undefined ? ctx.db.track(call) : call();
  } catch (error) {
    return Promise.reject(ctx.driver.convertError(error, ctx.meta));
  }
  // One derived promise rather than an async wrapper: each promise is costly while async hooks are on.
  return running.catch(converted);
}

/** The same context with the transaction that is ambient now (inside a `transaction()` callback). */
export function joinAmbient(ctx: OpContext): OpContext {
  const tx = currentTransaction(ctx.meta.database);
  return tx === ctx.tx ? ctx : { ...ctx, tx };
}
