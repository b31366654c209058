import type { ClientSession, ClusterTime, MongoClient, Timestamp } from 'mongodb';
import { causalToken, noteCausalToken } from '../routing/read-scope';

interface CausalToken {
  readonly operationTime: Timestamp;
  readonly clusterTime?: ClusterTime;
}

/**
 * Runs one operation outside a transaction in a causally consistent session, so that a read that follows a write of
 * the same async context (a request) sees it even on a secondary: a write leaves the session's operation and cluster
 * times in the context; a later read starts its session from them (MongoDB then sends `afterClusterTime`).
 * A server that reports no operation time (a standalone, the test stand-in) leaves nothing to follow.
 */
export async function causally<R>(
  client: MongoClient,
  database: string,
  write: boolean,
  op: (session: ClientSession) => Promise<R>,
): Promise<R> {
  const session = client.startSession({ causalConsistency: true });
  try {
    const token = causalToken(database) as CausalToken | undefined;
    if (token) {
      if (token.clusterTime) session.advanceClusterTime(token.clusterTime);
      session.advanceOperationTime(token.operationTime);
    }
    const result = await op(session);
    if (write && session.operationTime) {
      noteCausalToken(database, { operationTime: session.operationTime, clusterTime: session.clusterTime });
    }
    return result;
  } finally {
    await session.endSession().catch(() => undefined);
  }
}
