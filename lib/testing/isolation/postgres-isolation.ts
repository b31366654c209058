import type postgresType from 'postgres';
import { optionalRequire } from '../../util/optional-require';
import { quoteIdent } from '../../drivers/postgres-dialect/pg-quote';
import { uniqueDatabaseName, type TestIsolation } from './test-isolation';

type Sql = ReturnType<typeof postgresType>;

async function onServer(url: string, statement: string): Promise<void> {
  const postgres = optionalRequire<typeof postgresType>('postgres', 'useTestDatabases on PostgreSQL');
  const sql: Sql = postgres(url, { max: 1, onnotice: () => undefined });
  try {
    await sql.unsafe(statement);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

/** PostgreSQL: a fresh database per file (CREATE DATABASE through the given URL), dropped afterwards. */
export function postgresIsolation(url: string): TestIsolation {
  const name = uniqueDatabaseName();
  return {
    async prepare() {
      await onServer(url, `CREATE DATABASE ${quoteIdent(name)}`);
      return { url, databaseName: name };
    },
    dispose: () => onServer(url, `DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
  };
}
