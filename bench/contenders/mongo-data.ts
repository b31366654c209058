import type { Document } from 'mongodb';
import type { NewRow } from '../types';

/** The database both MongoDB contenders use (each in its own collection). */
export const MONGO_DATABASE = 'essencia_bench';

/** Options of every MongoClient of the bench (essencia maps its `poolSize` to `maxPoolSize`). */
export const MONGO_POOL = 10;

/**
 * The document of a row as essencia stores it (properties → snake_case keys, `_id` for the id), so that both
 * contenders write and read the same shape: name, email, age, score, active, created_at.
 */
export function documentOf(row: NewRow, id?: string): Document {
  const doc: Document = id === undefined ? {} : { _id: id };
  doc.name = row.name;
  doc.email = row.email;
  doc.age = row.age;
  doc.score = row.score;
  doc.active = row.active;
  doc.created_at = row.createdAt;
  return doc;
}

/** Whether the server runs multi-document transactions (a replica set, mongos, or the stand-in), as essencia decides. */
export function serverHasTransactions(hello: Document, buildInfo: Document | undefined): boolean {
  if (typeof hello.logicalSessionTimeoutMinutes !== 'number') return false;
  const standIn = typeof buildInfo?.version === 'string' && /mongomock/i.test(buildInfo.version);
  return standIn || typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}
