import type { ClientSession, MongoClient, TransactionOptions } from 'mongodb';
import { TransactionError } from '../../errors';
import type { TransactionHandle } from '../driver';
import { redact } from './mongo-errors';
import { UndoLog } from './mongo-undo';
import { transactionEnded } from '../transaction-ended';

/** Shared by a transaction and its nested scopes: set when the whole transaction must fail. */
interface RootState {
  failed?: TransactionError;
  /** Settles when the operations sent so far have. */
  tail?: Promise<unknown>;
}

const ignore = (): undefined => undefined;

/**
 * The handle of an open MongoDB transaction: the ClientSession every operation inside it passes as `{ session }`.
 * A nested scope has its own handle on the same session, with an {@link UndoLog} of its writes. Opaque to shared code.
 */
export class MongoTransaction {
  #ended = false;

  constructor(
    readonly session: ClientSession,
    /** The driver that opened it; a handle is never used on another database. */
    readonly owner: object,
    /** Before-images of this nested scope's writes; undefined at the top level, where an abort undoes everything. */
    readonly undo?: UndoLog,
    private readonly root: RootState = {},
    /** The scope this nested one is in. */
    private readonly outer?: MongoTransaction,
  ) {}

  /** A nested scope of this transaction. */
  child(): MongoTransaction {
    return new MongoTransaction(this.session, this.owner, new UndoLog(), this.root, this);
  }

  /** Fails the whole transaction: every later operation and the commit throw `error`. */
  fail(error: TransactionError): void {
    this.root.failed ??= error;
  }

  /** The error that failed the whole transaction, if any. */
  get failed(): TransactionError | undefined {
    return this.root.failed;
  }

  /**
   * Runs `work` once every operation sent on this transaction before it has settled. A session takes one operation
   * at a time: sent at once (`Promise.all` inside a transaction), each would try to start the transaction, and a
   * server refuses all but one, or, as the stand-in does, takes the later ones outside it.
   */
  serially<R>(work: () => Promise<R>): Promise<R> {
    // An operation still waiting for its turn when the callback of its scope settled (a failure among `Promise.all`)
    // is refused.
    const turn = (): Promise<R> => (this.ended ? Promise.reject(transactionEnded()) : work());
    const running = this.root.tail ? this.root.tail.then(turn) : turn();
    this.root.tail = running.then(ignore, ignore);
    return running;
  }

  /**
   * Called when the callback of this scope (the transaction, or a nested scope) settled: later operations on it or
   * the scopes inside it are refused. Resolves once the operation already sent has settled, so that the commit, the
   * abort or the undo comes after it on the session.
   */
  end(): Promise<unknown> {
    this.#ended = true;
    return this.root.tail ?? Promise.resolve();
  }

  /** Whether the callback of this scope, or of one around it, has settled. */
  get ended(): boolean {
    return this.#ended || (this.outer !== undefined && this.outer.ended);
  }
}

/** Whole-callback retries on TransientTransactionError (as `withTransaction` does), and commit retries. */
const MAX_ATTEMPTS = 5;
const MAX_COMMIT_RETRIES = 5;
const TIME_LIMIT_MS = 60_000;

/** Reads and writes of a transaction see one snapshot and commit with majority (the usual MongoDB advice). */
const TRANSACTION_OPTIONS: TransactionOptions = { readConcern: { level: 'snapshot' }, writeConcern: { w: 'majority' } };

/** The session of a transaction handle, checking it belongs to `owner`; undefined outside a transaction. */
export function sessionOf(tx: TransactionHandle | undefined, owner: object): ClientSession | undefined {
  if (tx === undefined || tx === null) return undefined;
  if (!(tx instanceof MongoTransaction) || tx.owner !== owner) {
    throw new TransactionError('the transaction handle does not belong to this MongoDB database');
  }
  // A retry reuses the session: work left running from an earlier attempt must not join the new one.
  if (tx.ended) throw transactionEnded();
  if (tx.failed) throw tx.failed;
  return tx.session;
}

/** Whether an error, or one of its causes (shared code may have converted it), carries a MongoDB error label. */
export function hasErrorLabel(error: unknown, label: string): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 5 && typeof e === 'object' && e !== null; depth++) {
    const o = e as { hasErrorLabel?: (l: string) => boolean; errorLabels?: unknown; cause?: unknown };
    if (typeof o.hasErrorLabel === 'function' && o.hasErrorLabel(label)) return true;
    if (Array.isArray(o.errorLabels) && o.errorLabels.includes(label)) return true;
    e = o.cause;
  }
  return false;
}

async function abortQuietly(session: ClientSession): Promise<void> {
  if (!session.inTransaction()) return;
  await session.abortTransaction().catch(() => undefined);
}

async function commitWithRetry(session: ClientSession): Promise<void> {
  for (let retry = 0; ; retry++) {
    try {
      await session.commitTransaction();
      return;
    } catch (error) {
      const code = (error as { codeName?: unknown }).codeName;
      if (retry < MAX_COMMIT_RETRIES && hasErrorLabel(error, 'UnknownTransactionCommitResult') && code !== 'MaxTimeMSExpired') continue;
      throw error;
    }
  }
}

/**
 * Runs `fn` in a new transaction on its own session: commits when it returns, aborts when it throws. A
 * TransientTransactionError (a write conflict, a primary step-down) reruns the whole callback, a bounded number of
 * times; an UnknownTransactionCommitResult retries the commit. The callback's own errors are rethrown as they are;
 * a failed commit is a TransactionError.
 *
 * @example
 * await runTransaction(client, driver, async (tx) => driver.insert(meta, rows, tx));
 */
export async function runTransaction<R>(
  client: MongoClient,
  owner: object,
  fn: (tx: TransactionHandle) => Promise<R>,
): Promise<R> {
  const session = client.startSession();
  const started = Date.now();
  const mayRetry = (attempt: number, error: unknown): boolean =>
    attempt < MAX_ATTEMPTS && Date.now() - started < TIME_LIMIT_MS && hasErrorLabel(error, 'TransientTransactionError');
  try {
    for (let attempt = 1; ; attempt++) {
      session.startTransaction(TRANSACTION_OPTIONS);
      let result: R;
      const handle = new MongoTransaction(session, owner);
      try {
        result = await fn(handle);
      } catch (error) {
        await handle.end();
        await abortQuietly(session);
        if (mayRetry(attempt, error)) continue;
        throw error;
      }
      await handle.end();
      if (handle.failed) {
        await abortQuietly(session);
        throw handle.failed;
      }
      try {
        await commitWithRetry(session);
        return result;
      } catch (error) {
        await abortQuietly(session);
        if (mayRetry(attempt, error)) continue;
        const reason = error instanceof Error ? redact(error.message) : 'unknown error';
        throw new TransactionError(`MongoDB: the transaction could not be committed (${reason})`, { cause: error });
      }
    }
  } finally {
    await session.endSession().catch(() => undefined);
  }
}
