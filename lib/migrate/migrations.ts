import type { Database } from '../database/database';
import type { TransactionHandle } from '../drivers/driver';
import { EssenciaError, MigrationError } from '../errors';
import { runInTransaction } from '../transaction/context';
import type { MigrationBackend, MigrationFile } from './backend';
import type { DataStepProgress } from './data-steps';
import { defaultDir, nextFileName, readMigrationFiles, writeMigrationFile } from './files';
import { Journal, type JournalEntry } from './journal';
import { assertMigratable, planMigration, type MigrationPlan } from './plan';
import { runFile } from './run-file';
import { readSnapshot, takeSnapshot, writeSnapshot } from './snapshot';
import type { PlannedStep, Step } from './steps';

/** Options every migration command takes. */
export interface MigrationOptions {
  /** Folder of this database's migration files. Default: `migrations/<database name>` in the working directory. */
  readonly dir?: string;
}

/** Options of `generate()`. */
export interface GenerateOptions extends MigrationOptions {
  /** Words for the file name (`0003_<name>.sql`). Default: from the first step. */
  readonly name?: string;
  /** Write destructive steps too (dropped tables, columns, indexes). Default: they are left out and reported. */
  readonly allowDestructive?: boolean;
}

/** What `generate()` wrote, and what it left out and why. */
export interface GenerateResult {
  readonly plan: MigrationPlan;
  /** Path of the new file; undefined when there was nothing to write. */
  readonly file: string | undefined;
  readonly written: readonly PlannedStep[];
  readonly leftOut: ReadonlyArray<PlannedStep & { readonly reason: string }>;
}

/** One line of `up()`'s progress. */
export interface MigrationProgress {
  readonly file: string;
  readonly event: 'applying' | 'applied' | 'skipped';
}

export interface UpOptions extends MigrationOptions {
  readonly onProgress?: (progress: MigrationProgress) => void;
  /** Progress of long data steps (encrypting a field, a backfill), after every batch. */
  readonly onData?: (progress: Readonly<DataStepProgress>) => void;
}

export interface DownOptions extends MigrationOptions {
  /** How many applied files to undo, last first. Default 1. */
  readonly count?: number;
}

/** The state of one migration file. */
export interface MigrationStatus {
  readonly name: string;
  /** `changed`: applied, then edited (an error for `up`); `missing`: journaled, but the file is gone. */
  readonly state: 'applied' | 'pending' | 'partial' | 'changed' | 'missing';
  readonly appliedAt?: Date;
  /** Statements done of a `partial` file (backends without transactional DDL). */
  readonly progress?: number;
  readonly error?: string | null;
}

/** An applied file must not change. (A `partial` one may be fixed: the statements after those done run from the new text.) */
function checkEdits(entries: readonly JournalEntry[], files: readonly MigrationFile[]): void {
  for (const entry of entries) {
    const file = files.find((f) => f.name === entry.name);
    if (file && entry.status === 'applied' && file.checksum !== entry.checksum) {
      throw new MigrationError(
        `${file.name}${file.extension} was edited after it was applied (checksum ${file.checksum.slice(0, 12)}, journal ${entry.checksum.slice(0, 12)}): put it back and write a new migration instead`,
        { file: file.name },
      );
    }
  }
}

function leftOutReason(p: PlannedStep, allowDestructive: boolean): string | undefined {
  if (p.safety === 'destructive' && !allowDestructive) return 'destructive: pass --allow-destructive (allowDestructive: true) to include it';
  if (p.safety !== 'needs data') return undefined;
  if (p.step.kind === 'setNotNull') return `${p.offendingRows} rows hold no value: backfill them (a .js migration with ctx.backfill), then generate again`;
  if (p.step.kind === 'createIndex') return `${p.offendingRows} rows hold duplicate values: fix them, then generate again`;
  if (p.step.kind === 'validator') return `${p.offendingRows} documents do not match the model: fix them, then generate again`;
  return undefined;
}

/** A validator keeps the columns whose drop was left out, so that the next plan still sees them (and their data). */
function keepLeftOutColumns(step: Step, leftOut: readonly PlannedStep[]): Step {
  if (step.kind !== 'validator') return step;
  const kept = leftOut.flatMap((p) => (p.step.kind === 'dropColumn' && p.step.table === step.table ? [{ ...p.step.column, nullable: true }] : []));
  return kept.length === 0 ? step : { ...step, columns: [...step.columns, ...kept] };
}

/**
 * Schema migrations of one database (`db.migrations`): `plan()` what differs, `generate()` the next file, apply
 * pending files with `up()` under a lock, see `status()`, undo with `down()`.
 *
 * @example
 * const plan = await db.migrations.plan();
 * if (plan.steps.length > 0) await db.migrations.generate({ name: 'add phone' });
 * await db.migrations.up();
 */
export class Migrations {
  #backend: MigrationBackend | undefined;

  constructor(private readonly database: Database) {}

  /**
   * Errors leave as the EssenciaError family: a driver's own error is converted by the driver, anything else (a
   * file that cannot be read...) becomes a MigrationError naming the command.
   */
  private async guard<R>(command: string, fn: () => Promise<R>): Promise<R> {
    try {
      return await fn();
    } catch (error) {
      if (error instanceof EssenciaError) throw error;
      const converted = this.database.driver.convertError(error);
      if (converted instanceof EssenciaError) throw converted;
      const message = typeof (error as Error | undefined)?.message === 'string' ? (error as Error).message : String(error);
      throw new MigrationError(`migrate ${command} on database '${this.database.name}' failed: ${message}`, { cause: error });
    }
  }

  private dir(options: MigrationOptions): string {
    return options.dir ?? defaultDir(this.database.name);
  }

  private async backend(): Promise<MigrationBackend> {
    const driver = await this.database.ready();
    if (!this.#backend) {
      const backend = driver.migrationBackend?.();
      assertMigratable(this.database.name, backend);
      this.#backend = backend;
    }
    return this.#backend;
  }

  private async journalEntries(journal: Journal): Promise<JournalEntry[]> {
    try {
      return await journal.entries();
    } catch (error) {
      if (error instanceof EssenciaError && error.code === 'SCHEMA_MISSING') return [];
      throw error;
    }
  }

  /** Every difference between this database's models and the live database: safe, needs data (with row counts), destructive. */
  plan(options: MigrationOptions = {}): Promise<MigrationPlan> {
    return this.guard('plan', () => this.runPlan(options));
  }

  private async runPlan(options: MigrationOptions): Promise<MigrationPlan> {
    const backend = await this.backend();
    const dir = this.dir(options);
    const pending = (await this.status(options)).filter((s) => s.state === 'pending' || s.state === 'partial').map((s) => s.name);
    return planMigration(this.database.name, this.database.models(), backend, this.database.driver, readSnapshot(dir), pending);
  }

  /**
   * Writes the next numbered file for the plan (`.sql` on SQL databases, a `.js` module on MongoDB or when a step is
   * a data step) and the snapshot. Destructive steps are left out unless `allowDestructive`; steps that would fail
   * on the rows there now are left out too; `leftOut` says which and why.
   */
  generate(options: GenerateOptions = {}): Promise<GenerateResult> {
    return this.guard('generate', () => this.runGenerate(options));
  }

  private async runGenerate(options: GenerateOptions): Promise<GenerateResult> {
    const backend = await this.backend();
    const dir = this.dir(options);
    const plan = await this.plan(options);
    const written: PlannedStep[] = [];
    const leftOut: Array<PlannedStep & { reason: string }> = [];
    for (const p of plan.steps) {
      const reason = leftOutReason(p, options.allowDestructive === true) ?? backend.unsupported?.(p.step);
      if (reason) leftOut.push({ ...p, reason });
      else written.push(p);
    }
    if (written.length === 0) return { plan, file: undefined, written, leftOut };
    const models = new Map(this.database.models().map((m) => [m.name, m]));
    const rendered = backend.render(written.map((p) => keepLeftOutColumns(p.step, leftOut)), models);
    const name = nextFileName(readMigrationFiles(dir), options.name ?? written[0]!.description);
    const file = writeMigrationFile(dir, name, rendered.extension, rendered.text);
    const snapshot = takeSnapshot(this.database.models(), backend);
    const kept = readSnapshot(dir)?.tables.filter((t) => leftOut.some((p) => p.step.kind === 'dropTable' && p.step.table === t.name)) ?? [];
    writeSnapshot(dir, { ...snapshot, tables: [...snapshot.tables, ...kept] });
    return { plan, file, written, leftOut };
  }

  /** Every file of the folder and journal, in order, with its state. */
  status(options: MigrationOptions = {}): Promise<MigrationStatus[]> {
    return this.guard('status', () => this.runStatus(options));
  }

  private async runStatus(options: MigrationOptions): Promise<MigrationStatus[]> {
    await this.backend();
    const files = readMigrationFiles(this.dir(options));
    const entries = await this.journalEntries(new Journal(this.database.driver));
    const list: MigrationStatus[] = files.map((file) => {
      const entry = entries.find((e) => e.name === file.name);
      if (!entry) return { name: file.name, state: 'pending' };
      const state = entry.status === 'applied' && entry.checksum !== file.checksum ? 'changed' : entry.status;
      return { name: file.name, state, appliedAt: entry.appliedAt, progress: entry.progress, error: entry.error };
    });
    for (const entry of entries) {
      if (!files.some((f) => f.name === entry.name)) list.push({ name: entry.name, state: 'missing', appliedAt: entry.appliedAt });
    }
    return list.sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Applies the pending files in order, each under the migration lock (two processes never apply the same file)
   * and, where DDL is transactional, in one transaction with its journal entry: a file that fails leaves nothing.
   * Elsewhere the journal records how far a failed file got, and the next `up` continues after it.
   * An applied file that was edited is a MigrationError. Returns the names of the files applied.
   */
  up(options: UpOptions = {}): Promise<string[]> {
    return this.guard('up', () => this.runUp(options));
  }

  private async runUp(options: UpOptions): Promise<string[]> {
    const backend = await this.backend();
    const files = readMigrationFiles(this.dir(options));
    const journal = new Journal(this.database.driver);
    await journal.prepare();
    checkEdits(await journal.entries(), files);
    const applied: string[] = [];
    for (const file of files) {
      const ran = await backend.withLock(async (tx) => {
        const entries = await journal.entries(tx);
        checkEdits(entries, files);
        const entry = entries.find((e) => e.name === file.name);
        if (entry?.status === 'applied') return false;
        options.onProgress?.({ file: file.name, event: 'applying' });
        await this.apply(file, backend, journal, tx, entry?.progress ?? 0, options.onData);
        return true;
      });
      if (ran) applied.push(file.name);
      options.onProgress?.({ file: file.name, event: ran ? 'applied' : 'skipped' });
    }
    // Files rewrite rows behind the models' backs (data steps, SQL updates): no cached row may outlive them.
    if (applied.length > 0) await this.database.cache.invalidateModels(this.database.models());
    return applied;
  }

  private async apply(
    file: MigrationFile,
    backend: MigrationBackend,
    journal: Journal,
    tx: TransactionHandle | undefined,
    from: number,
    onData: UpOptions['onData'],
  ): Promise<void> {
    let progress = from;
    const entry = (status: JournalEntry['status'], error: string | null): JournalEntry => ({
      name: file.name,
      checksum: file.checksum,
      status,
      progress,
      appliedAt: new Date(),
      error,
    });
    const done = async (count: number): Promise<void> => {
      progress = count;
      if (!backend.transactionalDdl) await journal.write(entry('partial', null), tx);
    };
    const target = { database: this.database, backend, tx, from, done, onData };
    try {
      const run = () => runFile(file, 'up', target);
      await (tx === undefined ? run() : runInTransaction(this.database.name, tx, run));
    } catch (error) {
      if (!backend.transactionalDdl) await journal.write(entry('partial', (error as Error).message), tx);
      throw error;
    }
    await journal.write(entry('applied', null), tx);
  }

  /** Undoes the last applied files (their `down` part), last first, under the lock. Returns the names undone. */
  down(options: DownOptions = {}): Promise<string[]> {
    return this.guard('down', () => this.runDown(options));
  }

  private async runDown(options: DownOptions): Promise<string[]> {
    const backend = await this.backend();
    const files = readMigrationFiles(this.dir(options));
    const journal = new Journal(this.database.driver);
    await journal.prepare();
    const undone: string[] = [];
    for (let i = 0; i < (options.count ?? 1); i += 1) {
      const name = await backend.withLock(async (tx) => {
        const entries = await journal.entries(tx);
        checkEdits(entries, files);
        const last = entries.filter((e) => e.status === 'applied').pop();
        if (!last) return undefined;
        const file = files.find((f) => f.name === last.name);
        if (!file) throw new MigrationError(`${last.name} is applied but its file is gone: it cannot be undone`, { file: last.name });
        const target = { database: this.database, backend, tx, from: 0, done: async () => undefined };
        const run = () => runFile(file, 'down', target);
        await (tx === undefined ? run() : runInTransaction(this.database.name, tx, run));
        await journal.remove(file.name, tx);
        return file.name;
      });
      if (!name) break;
      undone.push(name);
    }
    if (undone.length > 0) await this.database.cache.invalidateModels(this.database.models());
    return undone;
  }
}
