/**
 * What differs between the servers the mysql dialect speaks to, learnt from `SELECT VERSION()` when the client
 * connects (statements are compiled only after that). MariaDB stores JSON as text and has JSON_COMPACT; MySQL 8
 * has a JSON type and CAST(... AS JSON).
 */
export class MysqlServer {
  /** MariaDB (true) or MySQL (false); MariaDB until the version is known. */
  mariadb = true;

  /** Records the server's version string. */
  learn(version: string): void {
    this.mariadb = /mariadb/i.test(version);
  }
}
