import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DatabaseFactory } from '../database/database-factory';
import type { Database } from '../database/database';
import type { GenerateResult, MigrationStatus } from '../migrate/migrations';
import type { MigrationPlan } from '../migrate/plan';
import { type CliIO, UsageError } from './cli-io';
import { loadConfig } from './load-config';

const OPTIONS = {
  database: { type: 'string', short: 'd' },
  config: { type: 'string', short: 'c' },
  dir: { type: 'string' },
  name: { type: 'string', short: 'n' },
  'allow-destructive': { type: 'boolean' },
  count: { type: 'string' },
} as const;

type Values = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** What `migrate plan` prints: one line per step with its class, then the pending files. */
export function formatPlan(plan: MigrationPlan): string {
  const lines = [`Migration plan of database '${plan.database}': ${plan.safe} safe, ${plan.needsData} need data, ${plan.destructive} destructive`];
  for (const s of plan.steps) lines.push(`  ${s.safety.padEnd(12)} ${s.description}${s.offendingRows ? ` (${s.offendingRows} rows)` : ''}`);
  if (plan.steps.length === 0) lines.push('  nothing: the database matches the models');
  if (plan.pending.length > 0) lines.push(`Pending files (run essencia migrate up): ${plan.pending.join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** What `migrate generate` prints: the file written and what was left out, with why. */
export function formatGenerate(result: GenerateResult): string {
  const lines = [result.file ? `Wrote ${result.file} (${result.written.length} steps):` : 'Nothing to generate: the database matches the models.'];
  for (const s of result.written) lines.push(`  ${s.safety.padEnd(12)} ${s.description}`);
  if (result.leftOut.length > 0) lines.push('Left out:', ...result.leftOut.map((s) => `  ${s.description}: ${s.reason}`));
  return `${lines.join('\n')}\n`;
}

/** What `migrate status` prints: one line per file. */
export function formatStatus(database: string, list: readonly MigrationStatus[]): string {
  const lines = [`Migrations of database '${database}':`];
  for (const s of list) {
    const when = s.appliedAt ? ` ${s.appliedAt.toISOString()}` : '';
    const partial = s.state === 'partial' ? ` (${s.progress} statements done; failed: ${s.error ?? 'unknown'})` : '';
    lines.push(`  ${s.name.padEnd(40)} ${s.state}${when}${partial}`);
  }
  if (list.length === 0) lines.push('  no migration files');
  return `${lines.join('\n')}\n`;
}

async function run(sub: string, db: Database, values: Values, io: CliIO): Promise<number> {
  const dir = values.dir;
  switch (sub) {
    case 'plan':
      io.stdout.write(formatPlan(await db.migrations.plan({ dir })));
      return 0;
    case 'generate':
      io.stdout.write(formatGenerate(await db.migrations.generate({ dir, name: values.name, allowDestructive: values['allow-destructive'] === true })));
      return 0;
    case 'up': {
      const applied = await db.migrations.up({
        dir,
        onProgress: (p) => {
          if (p.event !== 'skipped') io.stderr.write(`${p.event} ${p.file}\n`);
        },
        onData: (p) => io.stderr.write(`  ${p.step}: ${p.scanned} scanned, ${p.written} written\n`),
      });
      io.stdout.write(applied.length > 0 ? `Applied ${applied.length} file(s): ${applied.join(', ')}\n` : 'Nothing to apply: every file is applied.\n');
      return 0;
    }
    case 'status': {
      const list = await db.migrations.status({ dir });
      io.stdout.write(formatStatus(db.name, list));
      return list.some((s) => s.state === 'changed' || s.state === 'partial') ? 1 : 0;
    }
    case 'down': {
      const count = values.count === undefined ? 1 : Number(values.count);
      if (!Number.isSafeInteger(count) || count < 1) throw new UsageError('--count must be a whole number >= 1');
      const undone = await db.migrations.down({ dir, count });
      io.stdout.write(undone.length > 0 ? `Undid ${undone.join(', ')}\n` : 'Nothing to undo.\n');
      return 0;
    }
    default:
      throw new UsageError(`unknown command 'migrate ${sub}'`);
  }
}

/**
 * `essencia migrate plan|generate|up|status|down --database NAME [--config FILE] [--dir DIR] [--name WORDS]
 * [--allow-destructive] [--count N]`: loads the config module and runs the migration command (see
 * `db.migrations`). Returns 0, or 1 from `status` when a file was edited after it was applied or failed midway.
 *
 * @example
 * process.exitCode = await migrateCommand('plan', ['--database', 'pg_main'], processIO());
 */
export async function migrateCommand(sub: string, args: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: false });
  if (!values.database) throw new UsageError(`migrate ${sub} needs --database NAME`);
  try {
    const configPath = await loadConfig(io.cwd, values.config);
    io.stderr.write(`Config module: ${configPath}\n`);
    const db = DatabaseFactory.getDatabase(values.database);
    return await run(sub, db, { ...values, dir: resolve(io.cwd, values.dir ?? join('migrations', values.database)) }, io);
  } finally {
    await DatabaseFactory.closeAll();
  }
}
