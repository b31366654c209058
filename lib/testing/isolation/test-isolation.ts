/** Where one test file's database lives, so that parallel files never share rows. */
export interface IsolatedTarget {
  url: string;
  databaseName?: string;
}

/** Makes and removes a database of its own for one test file, on one kind of server. */
export interface TestIsolation {
  /** Creates (when the server needs it) a fresh database and says how to reach it. */
  prepare(): Promise<IsolatedTarget>;
  /** Drops what `prepare` made; called after the file's database is closed. */
  dispose(): Promise<void>;
}

/** A database name unique to this file of this run (pid, time and a random part). */
export function uniqueDatabaseName(): string {
  const random = Math.random().toString(36).slice(2, 8);
  return `essencia_test_${process.pid}_${Date.now().toString(36)}_${random}`;
}
