import type { ClientSession, ClusterTime, MongoClient, Timestamp } from 'mongodb';
import { causalToken, noteCausalToken } from '../routing/read-scope';

const ignore = (): undefined => undefined;

interface CausalToken {
  readonly operationTime: Timestamp;
  readonly clusterTime?: ClusterTime;
}

/**
 * Runs one operation outside a transaction in a causally consistent session, so that a read that follows a write of
 * the same async context (a request) sees it even on a secondary: a write leaves the session's operation and cluster
 * times in the context; a later read starts its session from them (MongoDB then sends `afterClusterTime`).
 * A read with no write to follow gets no session of its own (`op` is given none): a causally consistent session
 * without an operation time would send the same command as the driver's implicit one.
 * A server that reports no operation time (a standalone, the test stand-in) leaves nothing to follow: the driver
 * runs its operations without this (each write's session of its own would be work for nothing).
 */
export function causally<R>(
  client: MongoClient,
  database: string,
  write: boolean,
  op: (session: ClientSession | undefined) => Promise<R>,
): Promise<R> {
  const token = causalToken(database) as CausalToken | undefined;
  if (!write && !token) return op(undefined);
  const session = client.startSession({ causalConsistency: true });
  // Written as a chain, not an async function: a promise or two fewer on every operation.
  const end = (): Promise<unknown> => session.endSession().catch(ignore);
  let running: Promise<R>;
  try {
    if (token) {
      if (token.clusterTime) session.advanceClusterTime(token.clusterTime);
      session.advanceOperationTime(token.operationTime);
    }
    running = op(session);
  } catch (error) {
    running = Promise.reject(error);
  }
  return running.then(
    (result) => {
      if (write && session.operationTime) {
        noteCausalToken(database, { operationTime: session.operationTime, clusterTime: session.clusterTime });
      }
      return end().then(() => result);
    },
    (error: unknown) =>
      end().then(() => {
        throw error;
      }),
  );
}
