import type { Document } from 'mongodb';
import type { DriverCapabilities } from '../driver';

/** What kind of deployment a client talks to. */
export type MongoDeployment = 'replicaSet' | 'sharded' | 'standalone' | 'standIn';

/** What the driver learns about the server at connect. */
export interface MongoServerFacts {
  readonly deployment: MongoDeployment;
  readonly capabilities: DriverCapabilities;
  /** Why `transaction()` cannot work here; undefined when it can. */
  readonly noTransactionsReason?: string;
  /**
   * Whether replies carry an operation time (replica sets and mongos do; a standalone and the stand-in do not), so
   * that a read can follow the writes before it (mongo-causal.ts). Assumed until the server has been asked.
   */
  readonly operationTimes: boolean;
}

/** Capabilities before `connect()`: nothing is promised until the server has been asked. */
export const UNKNOWN_SERVER: MongoServerFacts = Object.freeze({
  deployment: 'standalone',
  capabilities: Object.freeze({ transactions: false, transactionIsolation: false, savepoints: false, cursors: true, changeStreams: false }),
  noTransactionsReason: 'the driver is not connected yet',
  operationTimes: true,
});

/** The message of the TransactionError on a server without transactions. */
export const NEEDS_REPLICA_SET = 'MongoDB transactions need a replica set (or sharded cluster)';

/**
 * Whether the server is the mongomock-wire test stand-in (its buildInfo version says so). It runs commit and
 * abort (by snapshot and restore) but isolates nothing and has no change streams.
 */
export function isStandIn(buildInfo: Document | undefined): boolean {
  const version = buildInfo?.version;
  return typeof version === 'string' && /mongomock/i.test(version);
}

/**
 * Reads `hello` (and `buildInfo`) into capabilities. A replica set (`setName`) or mongos (`msg: 'isdbgrid'`)
 * with sessions has transactions (nested ones emulated as savepoints) and change streams; a standalone mongod has neither. The stand-in has
 * transactions without isolation, so tests can run commit / abort paths, and no change streams.
 *
 * @example
 * serverFacts({ setName: 'rs0', logicalSessionTimeoutMinutes: 30, maxWireVersion: 21 }).capabilities.transactions; // true
 */
export function serverFacts(hello: Document, buildInfo?: Document): MongoServerFacts {
  const sessions = typeof hello.logicalSessionTimeoutMinutes === 'number';
  const wire = typeof hello.maxWireVersion === 'number' ? hello.maxWireVersion : 0;
  const base = { cursors: true } as const;
  if (isStandIn(buildInfo)) {
    return {
      deployment: 'standIn',
      capabilities: Object.freeze({ ...base, transactions: sessions, transactionIsolation: false, savepoints: sessions, changeStreams: false, decimalOrdering: false, exactJsonMatching: false }),
      noTransactionsReason: sessions ? undefined : NEEDS_REPLICA_SET,
      operationTimes: false,
    };
  }
  const deployment: MongoDeployment =
    typeof hello.setName === 'string' ? 'replicaSet' : hello.msg === 'isdbgrid' ? 'sharded' : 'standalone';
  if (deployment === 'standalone') {
    return {
      deployment,
      capabilities: Object.freeze({ ...base, transactions: false, transactionIsolation: false, savepoints: false, changeStreams: false }),
      noTransactionsReason: NEEDS_REPLICA_SET,
      operationTimes: false,
    };
  }
  // Transactions: 4.0 (wire 7) on replica sets, 4.2 (wire 8) on sharded clusters.
  const transactions = sessions && wire >= (deployment === 'sharded' ? 8 : 7);
  return {
    deployment,
    capabilities: Object.freeze({ ...base, transactions, transactionIsolation: transactions, savepoints: transactions, changeStreams: wire >= 6 }),
    noTransactionsReason: transactions ? undefined : `${NEEDS_REPLICA_SET} running MongoDB 4.2 or later with sessions`,
    operationTimes: sessions,
  };
}
