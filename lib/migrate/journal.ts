import type { Driver, TransactionHandle } from '../drivers/driver';
import { declareField, declareModel } from '../metadata/declarations';
import { modelMeta } from '../metadata/model-meta';
import type { ModelMeta } from '../metadata/types';
import { cmp } from '../query/filter-ast';

/** The table / collection that records applied migration files. */
export const JOURNAL_COLLECTION = 'essencia_migrations';

/** One applied (or, where DDL is not transactional, partly applied) file. */
export interface JournalEntry {
  readonly name: string;
  readonly checksum: string;
  /** `partial`: the file failed after `progress` statements; `up` resumes after them. */
  readonly status: 'applied' | 'partial';
  readonly progress: number;
  readonly appliedAt: Date;
  readonly error: string | null;
}

/** Not registered with any database: its meta is used only against the migrated database's driver. */
class MigrationJournalRow {}
declareModel(MigrationJournalRow, { database: 'essencia_migrations', collection: JOURNAL_COLLECTION });
declareField(MigrationJournalRow, 'checksum', { field: { type: 'string', name: 'checksum' } });
declareField(MigrationJournalRow, 'status', { field: { type: 'string', name: 'status' } });
declareField(MigrationJournalRow, 'progress', { field: { type: 'int', name: 'progress' } });
declareField(MigrationJournalRow, 'appliedAt', { field: { type: 'date', name: 'applied_at' } });
declareField(MigrationJournalRow, 'error', { field: { type: 'string', nullable: true, name: 'error' } });

/** The journal of one database, read and written through its driver (so every backend has one for free). */
export class Journal {
  readonly meta: ModelMeta = modelMeta(MigrationJournalRow);

  constructor(private readonly driver: Driver) {}

  /** Creates the journal when missing. Two processes may race to create it: the loser finds it there. */
  async prepare(): Promise<void> {
    try {
      await this.driver.sync([this.meta]);
    } catch {
      await this.driver.sync([this.meta]);
    }
  }

  /** The entries in the order they were written (the last one is what `down` undoes first). */
  async entries(tx?: TransactionHandle): Promise<JournalEntry[]> {
    const by = (property: string) => ({ ref: { field: this.meta.byProperty.get(property)!, path: [] }, direction: 'asc' as const });
    const sort = [by('appliedAt'), by('id')];
    let rows;
    try {
      rows = await this.driver.find(this.meta, { sort }, tx);
    } catch (error) {
      throw this.driver.convertError(error, this.meta);
    }
    return rows.map((row) => ({
      name: String(row[this.meta.id.column]),
      checksum: String(row['checksum']),
      status: row['status'] === 'partial' ? 'partial' : 'applied',
      progress: Number(row['progress']),
      appliedAt: row['applied_at'] as Date,
      error: (row['error'] as string | null | undefined) ?? null,
    }));
  }

  async write(entry: JournalEntry, tx?: TransactionHandle): Promise<void> {
    const row = {
      [this.meta.id.column]: entry.name,
      checksum: entry.checksum,
      status: entry.status,
      progress: entry.progress,
      applied_at: entry.appliedAt,
      error: entry.error,
    };
    await this.driver.upsertMany(this.meta, [row], tx);
  }

  async remove(name: string, tx?: TransactionHandle): Promise<void> {
    await this.driver.deleteMany(this.meta, cmp(this.meta.id, 'eq', name), tx);
  }
}
