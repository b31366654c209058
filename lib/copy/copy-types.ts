import type { Database } from '../database/database';

/** The result of comparing one model on both sides (see {@link CopyOptions.verify}). */
export interface ModelVerification {
  readonly sourceCount: number;
  readonly targetCount: number;
  /** Counts and checksums agree. */
  readonly ok: boolean;
  /** Ids of rows that differ, are missing on the target or exist only there (at most 100). */
  readonly differingIds: readonly string[];
}

/** What was done for one model; also what `onProgress` receives (a snapshot). */
export interface ModelCopy {
  readonly model: string;
  readonly collection: string;
  /** Rows in the source when the copy of this model started (soft-deleted included). */
  total: number;
  /** Rows copied so far, counting those of an earlier, resumed run. */
  copied: number;
  /** Rows a resumed run found already copied by its checkpoint. */
  resumedFrom: number;
  /** The target already held a finished copy and `verify` was asked: nothing was written. */
  verifiedOnly: boolean;
  verification?: ModelVerification;
}

/** Options of {@link copyData}. */
export interface CopyOptions {
  /** The source database (its name or the `Database`). */
  readonly from: string | Database;
  /** The target database (its name or the `Database`). */
  readonly to: string | Database;
  /** Model classes (or model / collection names) bound to `from`. Default: every model of `from`. */
  readonly models?: readonly (Function | string)[];
  /** Rows read and written per round trip (and per checkpoint). Default 1000. */
  readonly batchSize?: number;
  /** Continue an interrupted copy from its checkpoint on the target. */
  readonly resume?: boolean;
  /** Compare counts and checksums afterwards; a target holding a finished copy is only checked. */
  readonly verify?: boolean;
  /** Called after every batch, and once when a model is done. */
  readonly onProgress?: (progress: Readonly<ModelCopy>, done: boolean) => void;
}

/** What {@link copyData} did, per model. */
export interface CopyReport {
  readonly from: string;
  readonly to: string;
  readonly models: readonly ModelCopy[];
  readonly copied: number;
  /** False when `verify` found a difference (see each model's `verification`); true when verified or not asked. */
  readonly ok: boolean;
}
