import Module from 'node:module';
import { dirname } from 'node:path';
import type { Database } from '../database/database';
import type { TransactionHandle } from '../drivers/driver';
import { EssenciaError, MigrationError } from '../errors';
import type { ModelMeta } from '../metadata/types';
import type { MigrationBackend, MigrationFile } from './backend';
import { backfillField, encryptField, type DataStepOptions, type DataStepProgress } from './data-steps';
import { sqlDirection } from './sql-text';

/** Where a file is being applied, and how it reports each statement done. */
export interface RunTarget {
  readonly database: Database;
  readonly backend: MigrationBackend;
  readonly tx: TransactionHandle | undefined;
  /** Statements (or steps of a `.js` file) already done by an earlier, interrupted run: skipped. */
  readonly from: number;
  readonly done: (count: number) => Promise<void>;
  /** Progress of the data steps (after every batch). */
  readonly onData?: (progress: Readonly<DataStepProgress>) => void;
}

/** What a `.js` migration exports. */
interface ScriptModule {
  up?: (ctx: Record<string, unknown>) => unknown;
  down?: (ctx: Record<string, unknown>) => unknown;
}

const oneLine = (text: string): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 200)}...` : flat;
};

function failure(file: MigrationFile, index: number, statement: string, error: unknown): MigrationError {
  // A `.js` migration's errors may come from another realm (its module is compiled by Node, not by a test runner's VM).
  const message = typeof (error as Error | undefined)?.message === 'string' ? (error as Error).message : String(error);
  const cause = error instanceof EssenciaError ? `${error.name}: ${message}` : message;
  const where = index >= 0 ? `statement ${index + 1} failed (${oneLine(statement)})` : `${statement} failed`;
  return new MigrationError(`${file.name}${file.extension}: ${where}: ${cause}`, {
    cause: error,
    file: file.name,
    statement,
  });
}

async function runSql(file: MigrationFile, direction: 'up' | 'down', target: RunTarget): Promise<void> {
  const statements = sqlDirection(file.text, direction);
  if (!statements) throw new MigrationError(`${file.name}.sql has no '-- essencia:down' part: it cannot be undone`, { file: file.name });
  if (!target.backend.runStatement) throw new MigrationError(`${file.name}.sql: this database does not run SQL migrations`, { file: file.name });
  for (let i = target.from; i < statements.length; i += 1) {
    try {
      await target.backend.runStatement(statements[i]!, target.tx);
    } catch (error) {
      throw failure(file, i, statements[i]!, error);
    }
    await target.done(i + 1);
  }
}

function loadScript(file: MigrationFile): ScriptModule {
  const mod = new Module(file.path);
  mod.filename = file.path;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(file.path));
  (mod as unknown as { _compile(text: string, path: string): void })._compile(file.text, file.path);
  return mod.exports as ScriptModule;
}

function modelNamed(database: Database, name: unknown): ModelMeta {
  const meta = database.models().find((m) => m.name === name || m.collection === name);
  if (!meta) throw new MigrationError(`database '${database.name}' has no model '${String(name)}'`);
  return meta;
}

/**
 * The context a `.js` migration's `up(ctx)` / `down(ctx)` receives: the database, the data steps, and the backend's
 * own helpers. Each call of a helper is one statement: it is journaled, and skipped when an interrupted run resumes.
 */
async function scriptContext(file: MigrationFile, target: RunTarget): Promise<Record<string, unknown>> {
  const { database, tx } = target;
  const driver = database.driver;
  let index = 0;
  const counted =
    (label: string, fn: (...args: never[]) => unknown) =>
    async (...args: never[]): Promise<unknown> => {
      const mine = index++;
      if (mine < target.from) return undefined;
      const statement = `${label}(${args.filter((a) => typeof a !== 'function' && typeof a !== 'object').map(String).join(', ')})`;
      try {
        const result = await fn(...args);
        await target.done(mine + 1);
        return result;
      } catch (error) {
        throw failure(file, mine, statement, error);
      }
    };
  const ctx: Record<string, unknown> = { db: database };
  for (const [key, value] of Object.entries(await target.backend.scriptContext(tx))) {
    ctx[key] = typeof value === 'function' ? counted(key, value as (...args: never[]) => unknown) : value;
  }
  ctx['backfill'] = counted('backfill', (model: string, property: string, value: unknown, options?: DataStepOptions) =>
    backfillField(driver, modelNamed(database, model), property, value, { onProgress: target.onData, ...options, tx }),
  );
  ctx['encryptField'] = counted('encryptField', (model: string, property: string, options?: DataStepOptions) =>
    encryptField(driver, modelNamed(database, model), property, { onProgress: target.onData, ...options, tx }),
  );
  ctx['step'] = counted('step', (_label: string, fn: () => unknown) => fn());
  return ctx;
}

async function runScript(file: MigrationFile, direction: 'up' | 'down', target: RunTarget): Promise<void> {
  let script: ScriptModule;
  try {
    script = loadScript(file);
  } catch (error) {
    throw new MigrationError(`${file.name}.js cannot be loaded: ${(error as Error).message}`, { cause: error, file: file.name });
  }
  const fn = script[direction];
  if (typeof fn !== 'function') {
    if (direction === 'down') throw new MigrationError(`${file.name}.js exports no down(): it cannot be undone`, { file: file.name });
    throw new MigrationError(`${file.name}.js exports no up()`, { file: file.name });
  }
  const ctx = await scriptContext(file, target);
  try {
    await fn(ctx);
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw failure(file, -1, `${direction}()`, error);
  }
}

/** Applies one direction of a migration file (`.sql` statements or a `.js` module). */
export function runFile(file: MigrationFile, direction: 'up' | 'down', target: RunTarget): Promise<void> {
  return file.extension === '.sql' ? runSql(file, direction, target) : runScript(file, direction, target);
}
