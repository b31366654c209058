import { isEnvelope } from '../codec/encryption/envelope';
import { encodeFields } from '../codec/row-codec';
import type { Driver, StoredRow, TransactionHandle } from '../drivers/driver';
import { ConfigError } from '../errors';
import type { FieldMeta, ModelMeta } from '../metadata/types';
import { and, cmp } from '../query/filter-ast';
import { scanById } from '../query/scan-by-id';

/** How far a data step got: what `onProgress` receives after every batch. */
export interface DataStepProgress {
  readonly step: string;
  scanned: number;
  written: number;
}

/** Options of the data steps. */
export interface DataStepOptions {
  /** Rows per batch. Default 500. */
  readonly batchSize?: number;
  readonly tx?: TransactionHandle;
  readonly onProgress?: (progress: Readonly<DataStepProgress>) => void;
}

function fieldOf(meta: ModelMeta, property: string): FieldMeta {
  const field = meta.byProperty.get(property);
  if (!field || field.isId || field.derivedFrom) throw new ConfigError(`${meta.name} has no field '${property}' to migrate`);
  return field;
}

/**
 * Gives every row where `property` is null the value `value` (or `value(row)`, called with the stored row), encoded
 * as the model stores it (encrypted where the field is). Rows are read in id order, a batch at a time, and each is
 * written only if the field is still null: an interrupted run is finished by running it again.
 *
 * @example
 * await backfillField(driver, modelMeta(Patient), 'status', 'active');
 */
export async function backfillField(
  driver: Driver,
  meta: ModelMeta,
  property: string,
  value: unknown,
  options: DataStepOptions = {},
): Promise<DataStepProgress> {
  const field = fieldOf(meta, property);
  const progress: DataStepProgress = { step: `backfill ${meta.name}.${property}`, scanned: 0, written: 0 };
  const isNull = cmp(field, 'eq', null);
  for await (const rows of scanById(driver, meta, { batchSize: options.batchSize ?? 500, filter: isNull, tx: options.tx })) {
    for (const row of rows) {
      const id = String(row[meta.id.column]);
      const given = typeof value === 'function' ? await (value as (row: StoredRow) => unknown)(row) : value;
      const patch = encodeFields(meta, { [property]: given }, id, [{ ...field, nullable: false }]);
      progress.written += await driver.updateMany(meta, and([cmp(meta.id, 'eq', id), isNull]), patch, options.tx);
      progress.scanned += 1;
    }
    options.onProgress?.({ ...progress });
  }
  return progress;
}

/** Whether a stored value of an encrypted field is still the plaintext it held before the field was encrypted. */
export function isPlaintext(stored: unknown): boolean {
  return stored !== null && stored !== undefined && !isEnvelope(stored);
}

/**
 * Encrypts in place the values of a field that held plaintext before it became an encrypted field (and writes its
 * blind index, if it has one). Values already encrypted are left alone; each row is a compare-and-set write of the
 * plaintext just read, so concurrent writes are never overwritten and a rerun finishes an interrupted run.
 *
 * @example
 * await encryptField(driver, modelMeta(Patient), 'cpf');
 */
export async function encryptField(driver: Driver, meta: ModelMeta, property: string, options: DataStepOptions = {}): Promise<DataStepProgress> {
  const field = fieldOf(meta, property);
  if (!field.codec?.isCurrent) throw new ConfigError(`${meta.name}.${property} is not an encrypted field`);
  const progress: DataStepProgress = { step: `encrypt ${meta.name}.${property}`, scanned: 0, written: 0 };
  const filter = cmp(field, 'ne', null);
  for await (const rows of scanById(driver, meta, { batchSize: options.batchSize ?? 500, fields: [field], filter, tx: options.tx })) {
    for (const row of rows) {
      progress.scanned += 1;
      const stored = row[field.column];
      if (!isPlaintext(stored)) continue;
      const id = String(row[meta.id.column]);
      const patch = encodeFields(meta, { [property]: stored }, id, [field]);
      progress.written += await driver.updateMany(meta, and([cmp(meta.id, 'eq', id), cmp(field, 'eq', stored)]), patch, options.tx);
    }
    options.onProgress?.({ ...progress });
  }
  return progress;
}

/** How many rows of a field still hold plaintext (a scan in id order). */
export async function countPlaintext(driver: Driver, meta: ModelMeta, property: string): Promise<number> {
  const field = fieldOf(meta, property);
  let count = 0;
  for await (const rows of scanById(driver, meta, { batchSize: 1000, fields: [field], filter: cmp(field, 'ne', null) })) {
    count += rows.filter((row) => isPlaintext(row[field.column])).length;
  }
  return count;
}
