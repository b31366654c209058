import { randomUUID } from 'node:crypto';
import type { Db } from 'mongodb';
import { MigrationError } from '../../errors';
import { isDuplicateKey } from '../../drivers/mongodb/mongo-errors';

/** The collection of the lock document. */
export const LOCK_COLLECTION = 'essencia_migrations_lock';

/** How long a lock lives without renewal (a process that died holding it frees it after this), and how often it is renewed. */
const EXPIRY_MS = 60_000;
const RENEW_MS = 15_000;
const POLL_MS = 250;
/** How long `up` waits for another process's lock before giving up. */
const WAIT_MS = 15 * 60_000;

interface LockDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
}

/**
 * Runs `fn` holding the migration lock of a MongoDB database: one document with an owner and an expiry, taken by
 * inserting it (or by taking over an expired one), renewed while `fn` runs, deleted afterwards.
 */
export async function withMongoLock<R>(db: Db, fn: () => Promise<R>): Promise<R> {
  const locks = db.collection<LockDocument>(LOCK_COLLECTION);
  const owner = randomUUID();
  const expiry = () => new Date(Date.now() + EXPIRY_MS);
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    try {
      await locks.insertOne({ _id: 'migrations', owner, expiresAt: expiry() });
      break;
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
    }
    const taken = await locks.updateOne({ _id: 'migrations', expiresAt: { $lt: new Date() } }, { $set: { owner, expiresAt: expiry() } });
    if (taken.modifiedCount === 1) break;
    if (Date.now() > deadline) throw new MigrationError(`the migration lock is held by another process (waited ${WAIT_MS / 60_000} minutes)`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const renew = setInterval(() => {
    void locks.updateOne({ _id: 'migrations', owner }, { $set: { expiresAt: expiry() } }).catch(() => undefined);
  }, RENEW_MS);
  renew.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await locks.deleteOne({ _id: 'migrations', owner });
  }
}
