import { DatabaseFactory } from '../database/database-factory';
import type { Database } from '../database/database';
import type { Driver } from '../drivers/driver';
import { ConfigError, QueryError } from '../errors';
import { modelMeta } from '../metadata/model-meta';
import type { ModelMeta } from '../metadata/types';
import { CheckpointStore, type Checkpoint } from './checkpoint-store';
import { copyModel, type CopyRun } from './copy-model';
import type { CopyOptions, CopyReport, ModelCopy } from './copy-types';
import { verifyModel } from './verify-copy';

function databaseOf(db: string | Database): Database {
  return typeof db === 'string' ? DatabaseFactory.getDatabase(db) : db;
}

/** The models to copy: every model of `from`, or the ones given (classes, model names or collection names). */
function selectModels(from: Database, wanted: CopyOptions['models']): ModelMeta[] {
  const all = from.models();
  if (!wanted) return all;
  return wanted.map((m) => {
    const meta = typeof m === 'string' ? all.find((a) => a.name === m || a.collection === m) : modelMeta(m);
    if (!meta || meta.database !== from.name) {
      const known = all.map((a) => a.name).join(', ') || 'none';
      const name = typeof m === 'string' ? m : m.name;
      throw new ConfigError(`copy: '${name}' is not a model of database '${from.name}' (its models: ${known})`);
    }
    return meta;
  });
}

/** A MongoModel / SQLModel insists on its kind of database; a copy to the other kind would be unreadable by it. */
function assertTargetKind(meta: ModelMeta, to: Database, target: Driver): void {
  const kind = target.capabilities.sqlTables ? 'sql' : 'document';
  if (meta.databaseKind && meta.databaseKind !== kind) {
    const base = meta.databaseKind === 'sql' ? 'SQLModel' : 'MongoModel';
    throw new ConfigError(`copy: ${meta.name} extends ${base}, and '${to.name}' is ${target.type}: make it extend BaseModel to move its rows`);
  }
}

function unfinished(to: Database, from: Database, meta: ModelMeta, checkpoint: Checkpoint): ConfigError {
  return new ConfigError(
    `copy: database '${to.name}' holds an unfinished copy of ${meta.name} from '${from.name}' (${checkpoint.copied} rows, up to id ${checkpoint.lastId}); pass --resume (resume: true) to continue it, or start over with a fresh target`,
  );
}

/**
 * Copies the stored rows of every model of one database (or of the given models) to another: ids kept,
 * soft-deleted rows included, encrypted values moved as ciphertext (no key needed; the target reads and searches
 * them). Rows go in id order, `batchSize` at a time, each batch with its checkpoint on the target (in one
 * transaction on SQL targets), so `resume: true` continues an interrupted copy. `verify` compares counts and
 * checksums afterwards and names the ids that differ; a target already holding a finished copy is then only checked.
 *
 * @example
 * const report = await copyData({ from: 'mongodb_main', to: 'pg_main', models: [Patient], verify: true });
 * if (!report.ok) process.exitCode = 1;
 */
export async function copyData(options: CopyOptions): Promise<CopyReport> {
  const batchSize = options.batchSize ?? 1000;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new QueryError('copyData: batchSize must be an integer >= 1');
  const from = databaseOf(options.from);
  const to = databaseOf(options.to);
  if (from === to) throw new ConfigError(`copy: source and target are the same database '${from.name}'`);
  const metas = selectModels(from, options.models);
  // Rows move as stored: no codec runs, so no key is needed (ready() would ask for one).
  const [source, target] = [await from.openDriver(), await to.openDriver()];
  for (const meta of metas) assertTargetKind(meta, to, target);
  const checkpoints = new CheckpointStore(target, from.name);
  await checkpoints.prepare();
  await target.sync(metas);
  const found = new Map<ModelMeta, Checkpoint | undefined>();
  for (const meta of metas) {
    const checkpoint = await checkpoints.read(meta);
    if (checkpoint && !checkpoint.done && !options.resume) throw unfinished(to, from, meta, checkpoint);
    found.set(meta, checkpoint);
  }
  const run: CopyRun = { source, target, checkpoints, batchSize, onProgress: options.onProgress };
  const models: ModelCopy[] = [];
  for (const meta of metas) {
    const checkpoint = found.get(meta);
    const verifiedOnly = checkpoint?.done === true && options.verify === true;
    const resumeFrom = checkpoint && !checkpoint.done ? checkpoint : undefined;
    const progress: ModelCopy = {
      model: meta.name,
      collection: meta.collection,
      total: await source.count(meta, undefined),
      copied: resumeFrom?.copied ?? 0,
      resumedFrom: resumeFrom?.copied ?? 0,
      verifiedOnly,
    };
    try {
      if (!verifiedOnly) await copyModel(run, meta, progress, resumeFrom);
      if (options.verify) progress.verification = await verifyModel(source, target, meta, batchSize);
    } catch (error) {
      throw target.convertError(source.convertError(error, meta), meta);
    }
    options.onProgress?.({ ...progress }, true);
    models.push(progress);
  }
  return {
    from: from.name,
    to: to.name,
    models,
    copied: models.reduce((n, m) => n + (m.verifiedOnly ? 0 : m.copied - m.resumedFrom), 0),
    ok: models.every((m) => m.verification?.ok !== false),
  };
}
