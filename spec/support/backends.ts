import { join } from 'node:path';

/**
 * The backend matrix, from the environment. PGlite and SQLite (embedded) always run; PostgreSQL runs when
 * DATABASE_URL is set, MariaDB / MySQL when MYSQL_URL is set, MongoDB when MONGODB_URL is set. With CI=true every backend is required:
 * a missing URL fails the run instead of skipping it.
 */
export interface Backend {
  /** Short name used in test titles. */
  readonly name: 'pglite' | 'sqlite' | 'postgres' | 'mariadb' | 'mongodb';
  /** URL to give `createDatabase`, or undefined when not configured here. */
  readonly url: string | undefined;
  readonly envVar?: string;
  /** In process: its capabilities are the engine's, known without connecting (and without its slow start). */
  readonly embedded?: boolean;
  /** Embedded backends: the URL of a database in folder `dir`, which another process can open too. */
  readonly onDisk?: (dir: string) => string;
}

export const isCI = process.env.CI === 'true' || process.env.CI === '1';

export function backends(): Backend[] {
  return [
    { name: 'pglite', url: 'pglite://memory', embedded: true, onDisk: (dir) => `pglite://${join(dir, 'pgdata')}` },
    { name: 'sqlite', url: 'sqlite::memory:', embedded: true, onDisk: (dir) => `sqlite:${join(dir, 'essencia.db')}` },
    { name: 'postgres', url: process.env.DATABASE_URL, envVar: 'DATABASE_URL' },
    { name: 'mariadb', url: process.env.MYSQL_URL, envVar: 'MYSQL_URL' },
    { name: 'mongodb', url: process.env.MONGODB_URL, envVar: 'MONGODB_URL' },
  ];
}

export function backend(name: Backend['name']): Backend {
  return backends().find((b) => b.name === name)!;
}

function redact(url: string): string {
  return url.replace(/\/\/([^@/]*)@/, '//***@');
}

/** The banner printed before the tests: which backends run and, loudly, which are skipped. */
export function describeBackends(): string {
  const lines = backends().map((b) =>
    b.url
      ? `  [run]     ${b.name.padEnd(9)} ${redact(b.url)}`
      : `  [SKIPPED] ${b.name.padEnd(9)} set ${b.envVar} to run it${isCI ? '  <-- REQUIRED IN CI: the run will fail' : ''}`,
  );
  const skipped = backends().filter((b) => !b.url).map((b) => b.name);
  const banner = skipped.length
    ? `\n!!! ${skipped.length} backend(s) SKIPPED: ${skipped.join(', ')} !!!\n`
    : '\nAll backends configured.\n';
  return `essencia test backends:\n${lines.join('\n')}${banner}`;
}
