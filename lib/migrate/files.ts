import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError } from '../errors';
import type { MigrationFile } from './backend';

const FILE_NAME = /^(\d{4,})_([A-Za-z0-9_-]+)\.(sql|js)$/;

/** The default folder of a database's migrations: `migrations/<database name>` under the working directory. */
export function defaultDir(database: string, cwd = process.cwd()): string {
  return resolve(cwd, 'migrations', database);
}

export function checksum(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The migration files of a folder in order (`0001_...` first). Two files with one number are a ConfigError. */
export function readMigrationFiles(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  const files: MigrationFile[] = [];
  const numbers = new Map<string, string>();
  for (const entry of readdirSync(dir).sort()) {
    const match = FILE_NAME.exec(entry);
    if (!match) continue;
    const number = String(Number(match[1]));
    if (numbers.has(number)) throw new ConfigError(`migrations: ${numbers.get(number)} and ${entry} in ${dir} have the same number`);
    numbers.set(number, entry);
    const path = join(dir, entry);
    const text = readFileSync(path, 'utf8');
    files.push({ name: entry.replace(/\.(sql|js)$/, ''), extension: `.${match[3]}` as '.sql' | '.js', path, text, checksum: checksum(text) });
  }
  return files;
}

/** The name of the next file: one more than the highest number, four digits, then a slug of `label`. */
export function nextFileName(files: readonly MigrationFile[], label: string): string {
  const last = files.reduce((n, f) => Math.max(n, Number(/^\d+/.exec(f.name)![0])), 0);
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '').slice(0, 60) || 'migration';
  return `${String(last + 1).padStart(4, '0')}_${slug}`;
}

export function writeMigrationFile(dir: string, name: string, extension: string, text: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${name}${extension}`);
  if (existsSync(path)) throw new ConfigError(`migrations: ${path} exists already`);
  writeFileSync(path, text);
  return path;
}
