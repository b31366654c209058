import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../errors';
import type { ModelMeta } from '../metadata/types';
import type { MigrationBackend } from './backend';
import type { TableShape } from './schema';

/** A table as the migrations last left it, and which of its columns held ciphertext. */
export interface SnapshotTable extends TableShape {
  readonly encrypted: readonly string[];
}

/**
 * What the models asked for when the last migration file was generated (`snapshot.json` beside the files). It tells
 * the next plan which tables these migrations own (only those are ever dropped) and which fields were encrypted.
 */
export interface Snapshot {
  readonly version: 1;
  readonly tables: readonly SnapshotTable[];
}

export const SNAPSHOT_FILE = 'snapshot.json';

/** The snapshot of the models as they are. */
export function takeSnapshot(models: readonly ModelMeta[], backend: MigrationBackend): Snapshot {
  const tables = models.map((meta) => ({
    ...backend.desiredTable(meta),
    encrypted: meta.modelFields.filter((f) => f.codec?.isCurrent).map((f) => f.column),
  }));
  return { version: 1, tables: tables.sort((a, b) => a.name.localeCompare(b.name)) };
}

export function readSnapshot(dir: string): Snapshot | undefined {
  const path = join(dir, SNAPSHOT_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const snapshot = JSON.parse(readFileSync(path, 'utf8')) as Snapshot;
    if (snapshot.version !== 1 || !Array.isArray(snapshot.tables)) throw new Error('unknown version');
    return snapshot;
  } catch (error) {
    throw new ConfigError(`migrations: ${SNAPSHOT_FILE} in ${dir} cannot be read (${(error as Error).message})`, { cause: error });
  }
}

export function writeSnapshot(dir: string, snapshot: Snapshot): void {
  writeFileSync(join(dir, SNAPSHOT_FILE), `${JSON.stringify(snapshot, null, 2)}\n`);
}
