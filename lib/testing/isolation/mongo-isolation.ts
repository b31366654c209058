import type { MongoClient } from 'mongodb';
import { optionalRequire } from '../../util/optional-require';
import { uniqueDatabaseName, type TestIsolation } from './test-isolation';

/** MongoDB: a database name of its own per file (created by the first write), dropped afterwards. */
export function mongoIsolation(url: string): TestIsolation {
  const name = uniqueDatabaseName();
  return {
    prepare: async () => ({ url, databaseName: name }),
    async dispose() {
      const { MongoClient: Client } = optionalRequire<typeof import('mongodb')>('mongodb', 'useTestDatabases on MongoDB');
      const client: MongoClient = new Client(url, { serverSelectionTimeoutMS: 5_000 });
      try {
        await client.connect();
        await client.db(name).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}
