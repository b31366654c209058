import type { Driver } from '../drivers/driver';
import type { ModelMeta } from '../metadata/types';
import { cmp, type FilterNode } from '../query/filter-ast';
import { CHECKSUM_MODULUS, rowHash } from './canonical-row';
import { byId } from './copy-model';
import type { ModelVerification } from './copy-types';

/** How many differing ids a verification names. */
export const MAX_DIFFERING_IDS = 100;

/** Sum of the row hashes of every row matching `filter`, read `batchSize` rows at a time in id order. */
async function checksum(driver: Driver, meta: ModelMeta, filter: FilterNode | undefined, batchSize: number): Promise<bigint> {
  let sum = 0n;
  let lastId: string | undefined;
  for (;;) {
    const after = lastId === undefined ? undefined : cmp(meta.id, 'gt', lastId);
    const where = filter && after ? { kind: 'and' as const, nodes: [filter, after] } : (filter ?? after);
    const rows = await driver.find(meta, { filter: where, sort: byId(meta), limit: batchSize });
    for (const row of rows) sum = (sum + rowHash(meta, row)) % CHECKSUM_MODULUS;
    if (rows.length < batchSize) return sum;
    lastId = String(rows[rows.length - 1]![meta.id.column]);
  }
}

async function allIds(driver: Driver, meta: ModelMeta, batchSize: number): Promise<string[]> {
  const ids: string[] = [];
  let lastId: string | undefined;
  for (;;) {
    const filter = lastId === undefined ? undefined : cmp(meta.id, 'gt', lastId);
    const rows = await driver.find(meta, { filter, sort: byId(meta), limit: batchSize, fields: [meta.id] });
    for (const row of rows) ids.push(String(row[meta.id.column]));
    if (rows.length < batchSize) return ids;
    lastId = ids[ids.length - 1];
  }
}

/** Checksum of the rows with the given ids, in chunks of `batchSize` ids. */
async function checksumOf(driver: Driver, meta: ModelMeta, ids: readonly string[], batchSize: number): Promise<bigint> {
  let sum = 0n;
  for (let start = 0; start < ids.length; start += batchSize) {
    const chunk = ids.slice(start, start + batchSize);
    sum = (sum + (await checksum(driver, meta, cmp(meta.id, 'in', chunk), batchSize))) % CHECKSUM_MODULUS;
  }
  return sum;
}

/**
 * Compares one model on both sides: counts, then an order-independent checksum of every row's canonical form.
 * On a mismatch it bisects the sorted union of both sides' ids, comparing the checksums of each half, down to
 * the single ids that differ.
 */
export async function verifyModel(source: Driver, target: Driver, meta: ModelMeta, batchSize: number): Promise<ModelVerification> {
  const sourceCount = await source.count(meta, undefined);
  const targetCount = await target.count(meta, undefined);
  if (sourceCount === targetCount && (await checksum(source, meta, undefined, batchSize)) === (await checksum(target, meta, undefined, batchSize))) {
    return { sourceCount, targetCount, ok: true, differingIds: [] };
  }
  const ids = [...new Set([...(await allIds(source, meta, batchSize)), ...(await allIds(target, meta, batchSize))])].sort();
  const differingIds: string[] = [];
  const bisect = async (range: readonly string[]): Promise<void> => {
    if (range.length === 0 || differingIds.length >= MAX_DIFFERING_IDS) return;
    if ((await checksumOf(source, meta, range, batchSize)) === (await checksumOf(target, meta, range, batchSize))) return;
    if (range.length === 1) {
      differingIds.push(range[0]!);
      return;
    }
    const middle = Math.ceil(range.length / 2);
    await bisect(range.slice(0, middle));
    await bisect(range.slice(middle));
  };
  await bisect(ids);
  return { sourceCount, targetCount, ok: false, differingIds };
}
