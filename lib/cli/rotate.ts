import { decodeValue, encodeFields } from '../codec/row-codec';
import { getKeyRing } from '../codec/encryption/key-ring';
import type { Database } from '../database/database';
import type { StoredRow } from '../drivers/driver';
import { ConfigError, EncryptionError, QueryError } from '../errors';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { and, cmp, type FilterNode } from '../query/filter-ast';
import { scanById } from '../query/scan-by-id';

/** A value that could not be re-encrypted. `reason` names model, field and id, never the value. */
export interface RotationFailure {
  readonly model: string;
  readonly field: string;
  readonly id: string;
  readonly reason: string;
}

/** Counters of one model; also what `onProgress` receives (a snapshot). */
export interface ModelRotation {
  readonly model: string;
  readonly collection: string;
  /** Encrypted fields of the model (property names). */
  readonly fields: readonly string[];
  /** Rows in the table / collection when the scan started (soft-deleted included). */
  total: number;
  scanned: number;
  /** Rows written with values under the active key (dry run: rows that would be). */
  rewritten: number;
  /** Rows with at least one value that could not be decrypted (their other values are still rotated). */
  failed: number;
  /** Rows changed by someone else between read and write; left alone, a rerun picks them up. */
  skipped: number;
}

/** Options of {@link rotateKeys}. */
export interface RotateOptions {
  /** Only this model (class name or collection name). Default: every model with encrypted fields. */
  readonly model?: string;
  /** Rows read per round trip. Default 500. */
  readonly batchSize?: number;
  /** Read and decrypt everything, write nothing. */
  readonly dryRun?: boolean;
  /** Called after every batch, and once when a model is done. */
  readonly onProgress?: (progress: Readonly<ModelRotation>, done: boolean) => void;
  /** Called for every value that cannot be decrypted. */
  readonly onFailure?: (failure: RotationFailure) => void;
  /**
   * Stop once this many values have failed (after the row where the count is reached): a wrong key fails every row,
   * and there is no point in scanning millions of them to learn it. Default: never stop.
   */
  readonly maxFailures?: number;
}

/** What {@link rotateKeys} did. */
export interface RotationReport {
  readonly database: string;
  /** Id of the key every value is now under. */
  readonly activeKeyId: string;
  readonly dryRun: boolean;
  readonly models: readonly ModelRotation[];
  readonly scanned: number;
  readonly rewritten: number;
  readonly failed: number;
  readonly skipped: number;
  /** True when the run stopped at `maxFailures`: rows after that point were not scanned. */
  readonly stoppedEarly: boolean;
  /** The first {@link MAX_REPORTED_FAILURES} failures (all of them go to `onFailure`). */
  readonly failures: readonly RotationFailure[];
}

/** How many failures a report keeps. */
export const MAX_REPORTED_FAILURES = 100;

/** The models of a database that have encrypted fields, optionally only the one named. */
export function encryptedModels(database: Database, name?: string): ModelMeta[] {
  const all = database.models().filter((meta) => meta.modelFields.some((f) => f.codec?.isCurrent));
  if (name === undefined) return all;
  const picked = all.filter((meta) => meta.name === name || meta.collection === name);
  if (picked.length === 0) {
    const known = all.map((m) => m.name).join(', ') || 'none';
    throw new ConfigError(`database '${database.name}' has no model '${name}' with encrypted fields (models with encrypted fields: ${known})`);
  }
  return picked;
}

interface RowPlan {
  readonly patch: StoredRow | undefined;
  readonly guard: FilterNode | undefined;
  readonly failures: RotationFailure[];
}

/** What one row needs: new values for its stale encrypted fields (with their blind indexes), and the guard of the write. */
function planRow(meta: ModelMeta, fields: readonly FieldMeta[], row: StoredRow): RowPlan {
  const id = String(row[meta.id.column]);
  const stale: FieldMeta[] = [];
  const plain: Record<string, unknown> = {};
  const guards: FilterNode[] = [cmp(meta.id, 'eq', id)];
  const failures: RotationFailure[] = [];
  for (const field of fields) {
    const stored = row[field.column];
    if (stored === null || stored === undefined) continue;
    const companion = meta.derivedFields.find((d) => d.derivedFrom === field.property);
    const missingIndex = companion !== undefined && (row[companion.column] === null || row[companion.column] === undefined);
    const current = field.codec!.isCurrent!(stored);
    if (current && !missingIndex) continue;
    let value: unknown;
    try {
      value = decodeValue(meta, field, stored, id);
    } catch (error) {
      if (!(error instanceof EncryptionError)) throw error;
      failures.push({ model: meta.name, field: field.property, id, reason: error.message });
      continue;
    }
    // An empty value (the Python original's "") has nothing to re-encrypt and nothing to index: left as it is.
    if (current && (value === null || value === '')) continue;
    plain[field.property] = value;
    stale.push(field);
    guards.push(cmp(field, 'eq', stored));
  }
  if (stale.length === 0) return { patch: undefined, guard: undefined, failures };
  return { patch: encodeFields(meta, plain, id, stale), guard: and(guards), failures };
}

/** What rotateModel needs from the run: where failures go, and whether it must stop. */
interface RunState {
  readonly report: (failure: RotationFailure) => void;
  readonly mustStop: () => boolean;
}

async function rotateModel(database: Database, meta: ModelMeta, batchSize: number, options: RotateOptions, run: RunState): Promise<ModelRotation> {
  const driver = database.modelDriver; // behind the cache: the rows it rewrites are invalidated
  const fields = meta.modelFields.filter((f) => f.codec?.isCurrent);
  const companions = meta.derivedFields.filter((d) => fields.some((f) => f.property === d.derivedFrom));
  const progress: ModelRotation = {
    model: meta.name,
    collection: meta.collection,
    fields: fields.map((f) => f.property),
    total: await driver.count(meta, undefined),
    scanned: 0,
    rewritten: 0,
    failed: 0,
    skipped: 0,
  };
  scan: for await (const rows of scanById(driver, meta, { batchSize, fields: [...fields, ...companions] })) {
    for (const row of rows) {
      const plan = planRow(meta, fields, row);
      progress.scanned += 1;
      if (plan.failures.length > 0) {
        progress.failed += 1;
        plan.failures.forEach(run.report);
      }
      if (plan.patch) {
        // Compare-and-set: the row is written only if its encrypted values are still the ones just read, so a
        // concurrent application write is never overwritten with older data. One statement per row: atomic.
        const written = options.dryRun ? 1 : await driver.updateMany(meta, plan.guard, plan.patch);
        if (written > 0) progress.rewritten += 1;
        else progress.skipped += 1;
      }
      if (run.mustStop()) break scan;
    }
    options.onProgress?.({ ...progress }, false);
  }
  options.onProgress?.({ ...progress }, true);
  return progress;
}

/**
 * Re-encrypts, under the active key, every encrypted value of a database that is not current (written with an
 * older key, or in the Python original's legacy format), and rewrites its blind index. Scans every row (soft-deleted
 * too) in id order, in batches; each row is one write, so an interrupted run leaves each row either old or new and a
 * rerun finishes the job; a second run writes nothing. A value that cannot be decrypted is reported (model, field,
 * id) and counted as failed; the run goes on. Throws ConfigError when no key is configured.
 *
 * @example
 * const report = await rotateKeys(DatabaseFactory.getDatabase('pg_main'), { batchSize: 1000 });
 * if (report.failed > 0) process.exitCode = 1;
 */
export async function rotateKeys(database: Database, options: RotateOptions = {}): Promise<RotationReport> {
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new QueryError('rotateKeys: batchSize must be an integer >= 1');
  const maxFailures = options.maxFailures ?? Infinity;
  if (maxFailures !== Infinity && (!Number.isInteger(maxFailures) || maxFailures < 1)) throw new QueryError('rotateKeys: maxFailures must be an integer >= 1');
  const activeKeyId = getKeyRing().active.id;
  const metas = encryptedModels(database, options.model);
  await database.ready();
  const failures: RotationFailure[] = [];
  let failed = 0;
  const run: RunState = {
    report: (failure) => {
      failed += 1;
      if (failures.length < MAX_REPORTED_FAILURES) failures.push(failure);
      options.onFailure?.(failure);
    },
    mustStop: () => failed >= maxFailures,
  };
  const models: ModelRotation[] = [];
  for (const meta of metas) {
    try {
      models.push(await rotateModel(database, meta, batchSize, options, run));
    } catch (error) {
      throw database.driver.convertError(error, meta);
    }
    if (run.mustStop()) break;
  }
  const sum = (key: 'scanned' | 'rewritten' | 'failed' | 'skipped'): number => models.reduce((n, m) => n + m[key], 0);
  return {
    database: database.name,
    activeKeyId,
    dryRun: options.dryRun === true,
    models,
    scanned: sum('scanned'),
    rewritten: sum('rewritten'),
    failed: sum('failed'),
    skipped: sum('skipped'),
    stoppedEarly: run.mustStop(),
    failures,
  };
}
