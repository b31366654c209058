/**
 * What differs between the servers the mysql dialect speaks to, learnt from `SELECT VERSION()` when the client
 * connects (statements are compiled only after that). MariaDB stores JSON as text and has JSON_COMPACT; MySQL 8
 * has a JSON type and CAST(... AS JSON).
 */
export class MysqlServer {
  /** MariaDB (true) or MySQL (false); MariaDB until the version is known. */
  mariadb = true;

  /** The NO PAD binary collation of string columns: `utf8mb4_nopad_bin` on MariaDB, `utf8mb4_0900_bin` on MySQL 8. */
  get collation(): string {
    return this.mariadb ? 'utf8mb4_nopad_bin' : 'utf8mb4_0900_bin';
  }

  /** Records the server's version string. */
  learn(version: string): void {
    this.mariadb = /mariadb/i.test(version);
  }
}
