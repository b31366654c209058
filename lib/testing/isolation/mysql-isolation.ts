import type * as mysqlType from 'mysql2/promise';
import { quoteMysqlIdent } from '../../drivers/mysql/mysql-quote';
import { optionalRequire } from '../../util/optional-require';
import { uniqueDatabaseName, type TestIsolation } from './test-isolation';

async function onServer(url: string, statement: string): Promise<void> {
  const mysql = optionalRequire<typeof mysqlType>('mysql2/promise', 'useTestDatabases on MySQL');
  const conn = await mysql.createConnection({ uri: url.replace(/^mariadb:/i, 'mysql:') });
  try {
    await conn.query(statement);
  } finally {
    await conn.end();
  }
}

/** MySQL / MariaDB: a fresh database per file (CREATE DATABASE through the given URL), dropped afterwards. */
export function mysqlIsolation(url: string): TestIsolation {
  const name = uniqueDatabaseName();
  return {
    async prepare() {
      await onServer(url, `CREATE DATABASE ${quoteMysqlIdent(name)} CHARACTER SET utf8mb4`);
      return { url, databaseName: name };
    },
    dispose: () => onServer(url, `DROP DATABASE IF EXISTS ${quoteMysqlIdent(name)}`),
  };
}
