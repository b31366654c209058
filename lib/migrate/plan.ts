import { ConfigError } from '../errors';
import type { ModelMeta } from '../metadata/types';
import type { Driver } from '../drivers/driver';
import type { LiveNames, MigrationBackend } from './backend';
import { countPlaintext } from './data-steps';
import { diffSchema } from './diff';
import { columnOf, type SchemaShape } from './schema';
import type { Snapshot } from './snapshot';
import { describeStep, isDestructive, type PlannedStep, type Safety, type Step } from './steps';

/** What `plan()` found: every difference between the models and the live database, classified. */
export interface MigrationPlan {
  readonly database: string;
  readonly steps: readonly PlannedStep[];
  readonly safe: number;
  readonly needsData: number;
  readonly destructive: number;
  /** Migration files on disk that are not applied yet (their changes are in `steps` too until `up` runs). */
  readonly pending: readonly string[];
}

/** The live names of a step's table and columns, following the renames that come before it in the plan. */
function liveNames(step: Step, steps: readonly Step[], live: SchemaShape): LiveNames {
  if (step.kind === 'dropTable' || step.kind === 'createTable' || !('table' in step)) return { table: undefined, column: () => undefined };
  const table = step.table as string;
  const renamed = steps.find((s) => s.kind === 'renameTable' && s.to === table);
  const liveTable = live.get(renamed?.kind === 'renameTable' ? renamed.from : table);
  return {
    table: liveTable?.name,
    column(name) {
      if (!liveTable) return undefined;
      const renamedColumn = steps.find((s) => s.kind === 'renameColumn' && s.table === table && s.to === name);
      const liveName = renamedColumn?.kind === 'renameColumn' ? renamedColumn.from : name;
      return columnOf(liveTable, liveName) ? liveName : undefined;
    },
  };
}

/** Columns a backfill earlier in the plan fills. */
function backfilled(steps: readonly Step[], table: string): Set<string> {
  return new Set(steps.flatMap((s) => (s.kind === 'backfill' && s.table === table ? [s.column] : [])));
}

async function classify(step: Step, steps: readonly Step[], live: SchemaShape, backend: MigrationBackend, driver: Driver, models: ReadonlyMap<string, ModelMeta>): Promise<PlannedStep> {
  const description = describeStep(step);
  if (isDestructive(step)) return { step, safety: 'destructive', description };
  if (step.kind === 'setNotNull' && backfilled(steps, step.table).has(step.column.name)) return { step, safety: 'safe', description };
  if (step.kind === 'alterType' && steps.some((s) => s.kind === 'encryptField' && s.table === step.table && models.get(s.model)?.byProperty.get(s.field)?.column === step.column.name)) {
    return { step, safety: 'safe', description };
  }
  let offendingRows: number;
  if (step.kind === 'backfill') {
    const names = liveNames(step, steps, live);
    // Every row of the table lacks the new column; a table renamed in this plan is not counted under its new name yet.
    offendingRows = names.table === step.table ? await driver.count(models.get(step.model)!, undefined) : 0;
  } else if (step.kind === 'validator') {
    // What the plan's own data steps will fix does not stand in the validator's way.
    const filled = backfilled(steps, step.table);
    const encrypted = new Set(steps.flatMap((s) => (s.kind === 'encryptField' && s.table === step.table ? [models.get(s.model)!.byProperty.get(s.field)!.column] : [])));
    const columns = step.columns.map((c) => (filled.has(c.name) ? { ...c, nullable: true } : encrypted.has(c.name) ? { ...c, type: 'any' } : c));
    offendingRows = await backend.countOffending({ ...step, columns }, liveNames(step, steps, live));
  } else if (step.kind === 'encryptField') {
    offendingRows = await countPlaintext(driver, models.get(step.model)!, step.field);
  } else if (step.kind === 'setNotNull' || step.kind === 'alterType' || (step.kind === 'createIndex' && step.index.unique)) {
    offendingRows = await backend.countOffending(step, liveNames(step, steps, live));
  } else {
    return { step, safety: 'safe', description };
  }
  const safety: Safety = offendingRows > 0 ? 'needs data' : 'safe';
  return offendingRows > 0 ? { step, safety, description, offendingRows } : { step, safety, description };
}

/** Classifies every difference between `models` and the live database. */
export async function planMigration(
  database: string,
  models: readonly ModelMeta[],
  backend: MigrationBackend,
  driver: Driver,
  snapshot: Snapshot | undefined,
  pending: readonly string[],
): Promise<MigrationPlan> {
  const live = await backend.introspect();
  const steps = diffSchema(models, live, backend, snapshot);
  const byName = new Map(models.map((m) => [m.name, m]));
  const planned: PlannedStep[] = [];
  for (const step of steps) planned.push(await classify(step, steps, live, backend, driver, byName));
  const count = (safety: Safety) => planned.filter((p) => p.safety === safety).length;
  return { database, steps: planned, safe: count('safe'), needsData: count('needs data'), destructive: count('destructive'), pending };
}

/** Checks that every model of the database can be migrated by this backend. */
export function assertMigratable(database: string, backend: MigrationBackend | undefined): asserts backend is MigrationBackend {
  if (!backend) throw new ConfigError(`database '${database}': this backend has no migrations yet`);
}
