import type mysql from 'mysql2/promise';

/** Connections per pool, as on PostgreSQL. */
export const MYSQL_POOL = 10;

/** The bench table as essencia's sync() writes it on this server (so that both contenders store the same shape). */
export async function mysqlTableSql(pool: mysql.Pool, table: string): Promise<string> {
  const [rows] = await pool.query('SELECT VERSION() AS v');
  const collation = /mariadb/i.test(String((rows as { v: unknown }[])[0]!.v)) ? 'utf8mb4_nopad_bin' : 'utf8mb4_0900_bin';
  const text = `LONGTEXT CHARACTER SET utf8mb4 COLLATE ${collation}`;
  return `CREATE TABLE IF NOT EXISTS \`${table}\` (id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE ${collation} NOT NULL, name ${text} NOT NULL,
    email ${text} NOT NULL, age INT NOT NULL, score DOUBLE NOT NULL, active BOOLEAN NOT NULL, created_at DATETIME(3) NOT NULL,
    PRIMARY KEY (id)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=${collation}`;
}
