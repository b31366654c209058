import type { Driver, StoredRow } from '../drivers/driver';
import type { ModelMeta } from '../metadata/types';
import { cmp, type SortSpec } from '../query/filter-ast';
import type { Checkpoint, CheckpointStore } from './checkpoint-store';
import type { ModelCopy } from './copy-types';

/** Sorting by id, ascending: the order of the copy and of its checkpoints. */
export function byId(meta: ModelMeta): SortSpec[] {
  return [{ ref: { field: meta.id, path: [] }, direction: 'asc' }];
}

/** Where the copy of one model runs: the two drivers, the checkpoint store and the batch size. */
export interface CopyRun {
  readonly source: Driver;
  readonly target: Driver;
  readonly checkpoints: CheckpointStore;
  readonly batchSize: number;
  readonly onProgress?: (progress: Readonly<ModelCopy>, done: boolean) => void;
}

/** Writes one batch and the checkpoint after it: in one transaction where the target has them (exactly once). */
async function writeBatch(run: CopyRun, meta: ModelMeta, rows: readonly StoredRow[], checkpoint: Checkpoint): Promise<void> {
  if (run.target.capabilities.transactions) {
    await run.target.transaction(async (tx) => {
      await run.target.upsertMany(meta, rows, tx);
      await run.checkpoints.write(meta, checkpoint, tx);
    });
    return;
  }
  // Without transactions the batch goes first: a crash in between rewrites it on resume, and upserts are idempotent.
  await run.target.upsertMany(meta, rows);
  await run.checkpoints.write(meta, checkpoint);
}

/**
 * Copies the stored rows of one model (soft-deleted included) from the source in id order, keyset-paged after
 * `from`'s last id, upserting each batch on the target with its checkpoint.
 */
export async function copyModel(run: CopyRun, meta: ModelMeta, progress: ModelCopy, from: Checkpoint | undefined): Promise<void> {
  let lastId = from?.lastId ?? null;
  const sort = byId(meta);
  for (;;) {
    const filter = lastId === null ? undefined : cmp(meta.id, 'gt', lastId);
    const rows = await run.source.find(meta, { filter, sort, limit: run.batchSize });
    if (rows.length === 0) break;
    lastId = String(rows[rows.length - 1]![meta.id.column]);
    await writeBatch(run, meta, rows, { lastId, copied: progress.copied + rows.length, done: false });
    progress.copied += rows.length;
    run.onProgress?.({ ...progress }, false);
    if (rows.length < run.batchSize) break;
  }
  await run.checkpoints.write(meta, { lastId, copied: progress.copied, done: true });
}
