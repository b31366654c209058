import type { Driver, StoredRow, TransactionHandle } from '../drivers/driver';
import { declareField, declareModel } from '../metadata/declarations';
import { modelMeta } from '../metadata/model-meta';
import type { ModelMeta } from '../metadata/types';
import { cmp } from '../query/filter-ast';

/** The table / collection on the target that holds one checkpoint per copied model. */
export const CHECKPOINT_COLLECTION = 'essencia_copy_checkpoints';

/** How far the copy of one model got. */
export interface Checkpoint {
  /** Id of the last row written (ids are copied in the source's id order). */
  readonly lastId: string | null;
  readonly copied: number;
  readonly done: boolean;
}

/** Not registered with any database: its meta is used only against the target's driver. */
class CopyCheckpoint {}
declareModel(CopyCheckpoint, { database: 'essencia_copy', collection: CHECKPOINT_COLLECTION });
declareField(CopyCheckpoint, 'source', { field: { type: 'string', name: 'source' } });
declareField(CopyCheckpoint, 'model', { field: { type: 'string', name: 'model' } });
declareField(CopyCheckpoint, 'lastId', { field: { type: 'string', nullable: true, name: 'last_id' } });
declareField(CopyCheckpoint, 'copied', { field: { type: 'int', name: 'copied' } });
declareField(CopyCheckpoint, 'done', { field: { type: 'boolean', name: 'done' } });
declareField(CopyCheckpoint, 'updatedAt', { field: { type: 'date', name: 'updated_at' } });

/** Checkpoints of copies from one source database, kept on the target. */
export class CheckpointStore {
  readonly meta: ModelMeta = modelMeta(CopyCheckpoint);

  constructor(
    private readonly target: Driver,
    private readonly source: string,
  ) {}

  private id(model: ModelMeta): string {
    return `${this.source}:${model.name}`;
  }

  /** Creates the checkpoint table / collection when missing. */
  prepare(): Promise<void> {
    return this.target.sync([this.meta]);
  }

  async read(model: ModelMeta): Promise<Checkpoint | undefined> {
    const row = await this.target.findById(this.meta, this.id(model), undefined);
    if (!row) return undefined;
    return { lastId: (row['last_id'] as string | null) ?? null, copied: Number(row['copied']), done: row['done'] === true };
  }

  async write(model: ModelMeta, checkpoint: Checkpoint, tx?: TransactionHandle): Promise<void> {
    const row: StoredRow = {
      id: this.id(model),
      source: this.source,
      model: model.name,
      last_id: checkpoint.lastId,
      copied: checkpoint.copied,
      done: checkpoint.done,
      updated_at: new Date(),
    };
    await this.target.upsertMany(this.meta, [row], tx);
  }

  async remove(model: ModelMeta): Promise<void> {
    await this.target.deleteMany(this.meta, cmp(this.meta.id, 'eq', this.id(model)));
  }
}
